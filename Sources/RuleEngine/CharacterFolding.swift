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
/// once and remembered; Latin letters with diacritics (the common case in names)
/// sit in a table built on first use.
final class CharacterFolding: @unchecked Sendable {
    static let shared = CharacterFolding()

    /// U+0080 … U+024F: Latin-1 Supplement and Latin Extended-A/B.
    private static let tableEnd: UInt32 = 0x250
    private let table: [FoldedScalar]
    private var cache: [UInt32: FoldedScalar] = [:]
    private let lock = NSLock()

    private init() {
        table = (0x80..<CharacterFolding.tableEnd).map { value in
            Unicode.Scalar(value).map(CharacterFolding.fold) ?? .tokenBreak
        }
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
