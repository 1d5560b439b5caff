import Foundation

/// How one non-ASCII Unicode scalar reads after normalization.
enum FoldedScalar: Sendable {
    /// Dropped without breaking the token: combining marks (diacritics),
    /// invisible characters (see `CharacterFolding.isInvisible`), the tatweel.
    case ignorable
    /// Ends the token: punctuation, dashes, quotes, spaces, symbols, U+200B.
    case tokenBreak
    /// Letters or digits, already folded, as UTF-8.
    case letters([UInt8])
    /// A character of a script written without spaces (`SpacelessScripts`),
    /// folded: a token of its own.
    case spaceless([UInt8])
    /// A spacing vowel sign or other mark of such a script: it stays with the
    /// character before it.
    case spacelessMark([UInt8])
    /// An apostrophe: it joins letters or separates them (`Apostrophes`).
    case apostrophe
    /// A compatibility character that folds to several pieces (`½` → `1⁄2`, `㍻` → `平成`).
    case pieces([FoldedScalar])
}

/// Folds non-ASCII scalars: NFKC, case folding, diacritics and invisible
/// characters removed, apostrophes and the characters of scripts without
/// spaces told apart.
///
/// Foundation's folding is slow next to the ASCII path, so each scalar is folded
/// once and remembered: U+0080 to U+30FF (Latin with diacritics, Greek,
/// Cyrillic, Arabic, the scripts of South and Southeast Asia, punctuation, CJK
/// punctuation and kana) and the full-width and half-width forms (U+FF00 to
/// U+FFEF) sit in a table built on first use, read without a lock; Han
/// ideographs fold to themselves and need no table (`SpacelessScripts`); the
/// rest is cached behind a lock.
///
/// `@unchecked Sendable`: the tables are written only in `init`, `cache` only under `lock`.
final class CharacterFolding: @unchecked Sendable {
    static let shared = CharacterFolding()

    /// The table's two ranges of scalars, one after the other.
    private static let lowRange: Range<UInt32> = 0x80..<0x3100
    private static let wideRange: Range<UInt32> = 0xFF00..<0xFFF0
    private static let tableScalars = Array(lowRange) + Array(wideRange)

    private let table: [FoldedScalar]
    /// The table again, flat, for the normalizer's hot loop: no enum payload to
    /// retain, the folded bytes in one pool.
    private let flat: UnsafeMutablePointer<FlatFold>
    private let pool: UnsafeMutablePointer<UInt8>
    private var cache: [UInt32: FoldedScalar] = [:]
    private let lock = NSLock()

    /// One table entry: what kind of scalar, and where its folded bytes are.
    struct FlatFold {
        enum Kind: UInt8 {
            case ignorable, tokenBreak, letters, spaceless, spacelessMark, apostrophe, pieces
        }
        var kind: Kind
        var length: UInt8
        var offset: UInt32
    }

    private init() {
        table = CharacterFolding.tableScalars.map { value in
            Unicode.Scalar(value).map(CharacterFolding.fold) ?? .tokenBreak
        }
        var bytes: [UInt8] = []
        let entries = table.map { folded -> FlatFold in
            func entry(_ kind: FlatFold.Kind, _ folded: [UInt8]) -> FlatFold {
                guard folded.count <= Int(UInt8.max) else {
                    return FlatFold(kind: .pieces, length: 0, offset: 0)
                }
                defer { bytes += folded }
                return FlatFold(
                    kind: kind, length: UInt8(folded.count), offset: UInt32(bytes.count))
            }
            switch folded {
            case .ignorable: return FlatFold(kind: .ignorable, length: 0, offset: 0)
            case .tokenBreak: return FlatFold(kind: .tokenBreak, length: 0, offset: 0)
            case .apostrophe: return FlatFold(kind: .apostrophe, length: 0, offset: 0)
            case .letters(let letters): return entry(.letters, letters)
            case .spaceless(let letters): return entry(.spaceless, letters)
            case .spacelessMark(let letters): return entry(.spacelessMark, letters)
            case .pieces: return FlatFold(kind: .pieces, length: 0, offset: 0)
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

    @inline(__always)
    private static func tableIndex(_ value: UInt32) -> Int? {
        if value < lowRange.upperBound {
            return value >= lowRange.lowerBound ? Int(value &- lowRange.lowerBound) : nil
        }
        if value >= wideRange.lowerBound && value < wideRange.upperBound {
            return lowRange.count &+ Int(value &- wideRange.lowerBound)
        }
        return nil
    }

    /// The flat entry of a scalar value, nil outside the table (then use `fold`).
    @inline(__always)
    func flatFold(_ value: UInt32) -> FlatFold? {
        CharacterFolding.tableIndex(value).map { flat[$0] }
    }

    /// The folded bytes of an entry with bytes, for the normalizer's scan (valid
    /// while the table lives, which is as long as the process).
    @inline(__always)
    func bytes(of entry: FlatFold) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pool + Int(entry.offset), count: Int(entry.length))
    }

    func fold(_ scalar: Unicode.Scalar) -> FoldedScalar {
        let value = scalar.value
        if let index = CharacterFolding.tableIndex(value) { return table[index] }
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[value] { return known }
        let folded = CharacterFolding.fold(scalar)
        cache[value] = folded
        return folded
    }

    /// Characters that show nothing and are removed without breaking a word, as
    /// Unicode's word boundaries (UAX #29) ignore them: every default-ignorable
    /// code point (soft hyphen, zero width joiner and non-joiner, word joiner,
    /// BOM, bidirectional marks and embeddings, variation selectors, the
    /// Mongolian vowel separator, invisible operators, Hangul fillers, tags)
    /// and every other format character (category Cf), but not U+200B zero
    /// width space, which UAX #29 makes a word break.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0x200B { return false }
        return scalar.properties.isDefaultIgnorableCodePoint
            || scalar.properties.generalCategory == .format
    }

    private static func fold(_ scalar: Unicode.Scalar) -> FoldedScalar {
        let value = scalar.value
        // The zero width space separates words; the tatweel only stretches the
        // letters it joins (`خـلـيـل` is `خليل`).
        if value == 0x200B { return .tokenBreak }
        if value == 0x0640 { return .ignorable }
        // Before folding: NFKC turns `´` into a space and a mark, `＇` into `'`.
        if Apostrophes.contains(value) { return .apostrophe }
        if isInvisible(scalar) { return .ignorable }
        if SpacelessScripts.isKanaVoicingMark(value) {
            return .spacelessMark(Array(String(scalar).utf8))
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return .ignorable
        default: break
        }
        var folded = String(Character(scalar)).precomposedStringWithCompatibilityMapping.folding(
            options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        if folded.unicodeScalars.contains(where: { SpacelessScripts.isKana($0.value) }) {
            // `ガ` as `カ` + U+3099, as `ｶﾞ` reads scalar by scalar.
            folded = folded.decomposedStringWithCanonicalMapping
        }
        var pieces: [FoldedScalar] = []
        for piece in folded.unicodeScalars {
            if SpacelessScripts.isKanaVoicingMark(piece.value) {
                let mark = Array(String(piece).utf8)
                if case .spaceless(let base) = pieces.last {
                    pieces[pieces.count - 1] = .spaceless(base + mark)
                } else {
                    pieces.append(.spacelessMark(mark))
                }
                continue
            }
            switch piece.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter,
                .otherLetter,
                .spacingMark, .decimalNumber, .letterNumber, .otherNumber:
                // Case folding can leave an upper-case letter where Foundation has no
                // mapping; lower-case it again so text and terms agree.
                let lowered = Array(String(piece).lowercased().utf8)
                let category = piece.properties.generalCategory
                if SpacelessScripts.contains(piece.value) && category != .decimalNumber {
                    if category == .spacingMark {
                        pieces.append(.spacelessMark(lowered))
                    } else {
                        pieces.append(.spaceless(lowered))
                    }
                } else if case .letters(let bytes) = pieces.last {
                    pieces[pieces.count - 1] = .letters(bytes + lowered)
                } else {
                    pieces.append(.letters(lowered))
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
