/// What `EntityPrepass` repaired, by kind: how often, where first, and the
/// first few names, so that a feed with a thousand bare `&` gets one warning
/// rather than a thousand.
struct PrepassRepairs {
    enum Kind: Int, CaseIterable {
        /// `&mdash;`: an HTML name XML does not define, read as its character.
        case htmlEntity
        /// `&bogus;`: a name neither XML nor HTML defines, kept as text.
        case unknownEntity
        /// `AT&T`, `?a=1&b=2`: an `&` that starts no reference, kept as text.
        case bareAmpersand
        /// `&#0;`, `&#xD800;`: a reference to a character XML forbids, kept as text.
        case invalidCharacterReference
        /// `&#X41;`: hexadecimal with an upper-case X, which XML does not allow.
        case upperCaseHexReference
        /// `5 < 6`: a `<` that starts no tag, kept as text.
        case lessThan
        /// A C0 control character (other than tab, LF, CR), replaced by a space.
        case controlCharacter
        /// U+0080–U+009F, written or referenced: windows-1252 punctuation that
        /// went through a Latin-1 decoder, put back.
        case c1Control
        /// `<title>Attack <b>reported</title>`: an HTML tag in a text element
        /// that XML cannot nest, escaped.
        case unescapedMarkup
    }

    private struct Tally {
        var count = 0
        var firstOffset = 0
        var examples: [String] = []
        var hasMoreExamples = false
    }

    /// Examples named in a warning, at most.
    private static let examplesShown = 3
    private var tallies = [Tally](repeating: Tally(), count: Kind.allCases.count)

    var isEmpty: Bool { tallies.allSatisfy { $0.count == 0 } }

    /// How many repairs of `kind` were made.
    func count(_ kind: Kind) -> Int { tallies[kind.rawValue].count }

    /// Notes one repair of `kind` at byte `offset`, with the reference as written.
    mutating func record(_ kind: Kind, at offset: Int, example: String? = nil) {
        var tally = tallies[kind.rawValue]
        if tally.count == 0 { tally.firstOffset = offset }
        tally.count += 1
        if let example, !tally.examples.contains(example) {
            if tally.examples.count < Self.examplesShown {
                tally.examples.append(example)
            } else {
                tally.hasMoreExamples = true
            }
        }
        tallies[kind.rawValue] = tally
    }

    /// One warning per kind repaired, saying how many, which, and from which line.
    func warnings(in document: [UInt8]) -> [String] {
        guard !isEmpty else { return [] }
        let lines = DocumentLines.lines(
            of: tallies.filter { $0.count > 0 }.map(\.firstOffset), in: document)
        return Kind.allCases.compactMap { kind in
            let tally = tallies[kind.rawValue]
            guard tally.count > 0 else { return nil }
            let line = lines[tally.firstOffset] ?? 1
            let place = tally.count == 1 ? "at line \(line)" : "first at line \(line)"
            var examples = ""
            if !tally.examples.isEmpty {
                examples =
                    " (" + tally.examples.joined(separator: ", ")
                    + (tally.hasMoreExamples ? ", …)" : ")")
            }
            return
                "\(Self.describe(kind, count: tally.count))\(examples) \(Self.outcome(kind)), \(place)"
        }
    }

    private static func describe(_ kind: Kind, count: Int) -> String {
        let one = count == 1
        switch kind {
        case .htmlEntity: return "\(count) undeclared HTML entit\(one ? "y" : "ies")"
        case .unknownEntity: return "\(count) unknown entit\(one ? "y" : "ies")"
        case .bareAmpersand:
            return "\(count) bare &\(one ? "" : "s") that start\(one ? "s" : "") no reference"
        case .invalidCharacterReference:
            return "\(count) reference\(one ? "" : "s") to characters XML forbids"
        case .upperCaseHexReference:
            return "\(count) hexadecimal reference\(one ? "" : "s") with an upper-case X"
        case .lessThan: return "\(count) < that start\(one ? "s" : "") no tag"
        case .controlCharacter: return "\(count) control character\(one ? "" : "s") XML forbids"
        case .c1Control: return "\(count) C1 control character\(one ? "" : "s")"
        case .unescapedMarkup:
            return "\(count) unescaped HTML tag\(one ? "" : "s") in text elements"
        }
    }

    private static func outcome(_ kind: Kind) -> String {
        switch kind {
        case .htmlEntity: "read as in HTML"
        case .unknownEntity, .bareAmpersand, .invalidCharacterReference, .lessThan: "kept as text"
        case .upperCaseHexReference: "read anyway"
        case .controlCharacter: "replaced by spaces"
        case .c1Control: "read as the windows-1252 punctuation meant"
        case .unescapedMarkup: "read as escaped HTML"
        }
    }
}
