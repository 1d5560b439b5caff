/// Where something is in a rules file: 1-based line and column (in characters).
struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    var file: String
    var line: Int
    var column: Int

    var description: String { "\(file):\(line):\(column)" }
}

/// One lexeme of a line of a rules file: a word, a string or a punctuation mark.
/// (A *token* is something else: a run of letters or digits of normalized text.)
struct Lexeme: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A run of characters other than blanks, quotes, commas and parentheses.
        case word(String)
        /// A double-quoted string, escapes resolved.
        case string(String)
        case comma
        case openParenthesis
        case closeParenthesis
    }

    var kind: Kind
    var location: SourceLocation
    /// The characters as written (quotes included), for messages and listings.
    var written: String

    /// The text of a word or string, nil for punctuation.
    var text: String? {
        switch kind {
        case .word(let text), .string(let text): text
        default: nil
        }
    }

    var isString: Bool {
        if case .string = kind { return true }
        return false
    }
}

/// One non-blank line of a rules file, lexed.
struct SourceLine: Sendable {
    var number: Int
    /// True when the line starts at column 1 (a block header).
    var isHeader: Bool
    var lexemes: [Lexeme]
    var text: String
}
