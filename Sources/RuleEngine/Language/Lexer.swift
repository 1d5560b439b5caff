/// Splits a rules file into lines of lexemes.
///
/// Lexing is line by line because the language is: a block header starts at
/// column 1, its properties are indented. `#` starts a comment outside quotes,
/// except on `match` and `unless` lines where `#name` (a `#` directly followed by
/// a letter or digit) is a list reference; there `# text` is still a comment.
struct Lexer {
    var file: String
    private(set) var problems: [RulesProblem] = []

    init(file: String) { self.file = file }

    /// Properties whose value is a query, where `#name` is not a comment.
    static let queryProperties: Set<String> = ["match", "unless"]

    mutating func lex(_ source: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var number = 0
        // Split on \n only and drop a trailing \r, so CRLF files read the same.
        for rawLine in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var text = String(rawLine)
            if text.hasSuffix("\r") { text.removeLast() }
            if let line = lexLine(text, number: number) { lines.append(line) }
        }
        return lines
    }

    private mutating func lexLine(_ text: String, number: Int) -> SourceLine? {
        let characters = Self.characters(of: text)
        var lexemes: [Lexeme] = []
        var index = 0
        var queryMode = false
        func location(_ index: Int) -> SourceLocation {
            SourceLocation(file: file, line: number, column: index + 1)
        }
        while index < characters.count {
            let character = characters[index]
            if character == " " || character == "\t" {
                index += 1
                continue
            }
            if character == "#" {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                let isReference = queryMode && (next.isLetter || next.isNumber)
                if !isReference { break }
            }
            let start = index
            switch character {
            case ",":
                lexemes.append(Lexeme(kind: .comma, location: location(start), written: ","))
                index += 1
            case "(":
                lexemes.append(
                    Lexeme(kind: .openParenthesis, location: location(start), written: "("))
                index += 1
            case ")":
                lexemes.append(
                    Lexeme(kind: .closeParenthesis, location: location(start), written: ")"))
                index += 1
            case "\"":
                let (value, end) = lexString(characters, from: start, line: number, text: text)
                lexemes.append(
                    Lexeme(
                        kind: .string(value), location: location(start),
                        written: String(characters[start..<end])))
                index = end
            default:
                while index < characters.count,
                    !" \t,()\"".contains(characters[index])
                {
                    index += 1
                }
                let word = String(characters[start..<index])
                lexemes.append(Lexeme(kind: .word(word), location: location(start), written: word))
                if lexemes.count == 1, start > 0, Lexer.queryProperties.contains(word) {
                    queryMode = true
                }
            }
        }
        guard !lexemes.isEmpty else { return nil }
        let isHeader = !(characters.first == " " || characters.first == "\t")
        return SourceLine(number: number, isHeader: isHeader, lexemes: lexemes, text: text)
    }

    /// The characters of a line, except that a quote, comma, parenthesis, blank
    /// or backslash followed by a combining mark (`"ำ…`, which Unicode makes one
    /// character) is read as itself and then the mark, so that the mark cannot
    /// hide it.
    static func characters(of text: String) -> [Character] {
        var characters: [Character] = []
        for character in text {
            let scalars = character.unicodeScalars
            guard scalars.count > 1, let first = scalars.first, delimiters.contains(first) else {
                characters.append(character)
                continue
            }
            characters.append(Character(first))
            var rest = String.UnicodeScalarView()
            rest.append(contentsOf: scalars.dropFirst())
            characters += Array(String(rest))
        }
        return characters
    }

    private static let delimiters: Set<Unicode.Scalar> = [
        "\"", ",", "(", ")", " ", "\t", "\\", "#",
    ]

    /// Reads a string starting at the quote at `start`; returns its value and the
    /// index after the closing quote. An unterminated string is reported and runs
    /// to the end of the line, so that the rest of the file still parses.
    private mutating func lexString(
        _ characters: [Character], from start: Int, line: Int, text: String
    ) -> (String, Int) {
        var value = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\"" { return (value, index + 1) }
            if character == "\\" {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if next == "\"" || next == "\\", let next {
                    value.append(next)
                    index += 2
                    continue
                }
                problems.append(
                    RulesProblem(
                        SourceLocation(file: file, line: line, column: index + 1),
                        "unknown escape \\\(next.map(String.init) ?? ""): inside quotes only \\\" and \\\\ are allowed",
                        sourceLine: text))
                index += 2
                continue
            }
            value.append(character)
            index += 1
        }
        problems.append(
            RulesProblem(
                SourceLocation(file: file, line: line, column: start + 1),
                "this text has no closing quote (\"); strings must end on the line they start",
                sourceLine: text))
        return (value, characters.count)
    }
}
