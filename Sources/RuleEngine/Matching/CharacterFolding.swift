import Foundation

/// How one non-ASCII Unicode scalar reads after normalization.
enum FoldedScalar: Sendable {
    /// Dropped without breaking the token: combining marks (diacritics),
    /// soft hyphens, zero-width joiners.
    case ignorable
    /// Ends the token: punctuation, dashes, quotes, spaces, symbols.
    case tokenBreak
    /// Letters or digits, already folded, as UTF-8.
    case letters([UInt8])
    /// A compatibility character that folds to several pieces (`½` → `1⁄2`).
    case pieces([FoldedScalar])
}

/// Folds non-ASCII scalars: NFKC, case folding, diacritics removed.
///
/// Foundation's folding is slow next to the ASCII path, so each scalar is folded
/// once and remembered: U+0080 to U+2FFF (Latin with diacritics, Greek,
/// Cyrillic, Arabic, the scripts of South Asia, punctuation) sit in a table
/// built on first use (about 15 ms), read without a lock; the rest is cached
/// behind one.
///
/// `@unchecked Sendable`: the tables are written only in `init`, `cache` only under `lock`.
final class CharacterFolding: @unchecked Sendable {
    static let shared = CharacterFolding()

    private static let tableEnd: UInt32 = 0x3000
    private let table: [FoldedScalar]
    /// The table again, flat, for the normalizer's hot loop: no enum payload to
    /// retain, the folded bytes in one pool.
    private let flat: UnsafeMutablePointer<FlatFold>
    private let pool: UnsafeMutablePointer<UInt8>
    private var cache: [UInt32: FoldedScalar] = [:]
    private let lock = NSLock()

    /// One table entry: what kind of scalar, and where its folded bytes are.
    struct FlatFold {
        enum Kind: UInt8 { case ignorable, tokenBreak, letters, pieces }
        var kind: Kind
        var length: UInt8
        var offset: UInt32
    }

    private init() {
        table = (0x80..<CharacterFolding.tableEnd).map { value in
            Unicode.Scalar(value).map(CharacterFolding.fold) ?? .tokenBreak
        }
        var bytes: [UInt8] = []
        let entries = table.map { folded -> FlatFold in
            switch folded {
            case .ignorable: return FlatFold(kind: .ignorable, length: 0, offset: 0)
            case .tokenBreak: return FlatFold(kind: .tokenBreak, length: 0, offset: 0)
            case .letters(let letters) where letters.count <= Int(UInt8.max):
                defer { bytes += letters }
                return FlatFold(
                    kind: .letters, length: UInt8(letters.count), offset: UInt32(bytes.count))
            case .letters, .pieces: return FlatFold(kind: .pieces, length: 0, offset: 0)
            }
        }
        flat = .allocate(capacity: entries.count)
        flat.initialize(from: entries, count: entries.count)
        pool = .allocate(capacity: max(1, bytes.count))
        pool.initialize(from: bytes, count: bytes.count)
    }

    deinit {
        flat.deallocate()
        pool.deallocate()
    }

    /// The flat entry of a scalar value, nil outside the table (then use `fold`).
    @inline(__always)
    func flatFold(_ value: UInt32) -> FlatFold? {
        value >= 0x80 && value < CharacterFolding.tableEnd ? flat[Int(value &- 0x80)] : nil
    }

    /// The folded bytes of a `.letters` entry, for the normalizer's scan (valid
    /// while the table lives, which is as long as the process).
    @inline(__always)
    func bytes(of entry: FlatFold) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pool + Int(entry.offset), count: Int(entry.length))
    }

    func fold(_ scalar: Unicode.Scalar) -> FoldedScalar {
        let value = scalar.value
        if value >= 0x80 && value < CharacterFolding.tableEnd { return table[Int(value - 0x80)] }
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[value] { return known }
        let folded = CharacterFolding.fold(scalar)
        cache[value] = folded
        return folded
    }

    private static func fold(_ scalar: Unicode.Scalar) -> FoldedScalar {
        let category = scalar.properties.generalCategory
        switch category {
        case .nonspacingMark, .enclosingMark, .format: return .ignorable
        default: break
        }
        let folded = String(Character(scalar)).precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var pieces: [FoldedScalar] = []
        for piece in folded.unicodeScalars {
            switch piece.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                .otherLetter,
                .spacingMark, .decimalNumber, .letterNumber, .otherNumber:
                // Case folding can leave an upper-case letter where Foundation has no
                // mapping; lower-case it again so text and terms agree.
                let lowered = String(piece).lowercased()
                if case .letters(let bytes) = pieces.last {
                    pieces[pieces.count - 1] = .letters(bytes + Array(lowered.utf8))
                } else {
                    pieces.append(.letters(Array(lowered.utf8)))
                }
            default:
                if case .tokenBreak = pieces.last {} else { pieces.append(.tokenBreak) }
            }
        }
        switch pieces.count {
        case 0: return .ignorable
        case 1: return pieces[0]
        default: return .pieces(pieces)
        }
    }
}
