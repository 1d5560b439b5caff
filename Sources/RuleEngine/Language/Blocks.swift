/// A block of a rules or test file: a header at column 1 and its indented lines.
struct Block: Sendable {
    var header: SourceLine
    var lines: [SourceLine]

    var keyword: Lexeme { header.lexemes[0] }
    var arguments: ArraySlice<Lexeme> { header.lexemes.dropFirst() }
}

/// Groups lexed lines into blocks; an indented line before any header is a problem.
enum BlockGrouper {
    static func group(_ lines: [SourceLine], file: String, problems: inout [RulesProblem])
        -> [Block]
    {
        var blocks: [Block] = []
        for line in lines {
            if line.isHeader {
                blocks.append(Block(header: line, lines: []))
            } else if blocks.isEmpty {
                problems.append(
                    RulesProblem(
                        line.lexemes[0].location,
                        "this indented line belongs to no block; a block starts at the beginning of a line with entity, list, equivalent or rule",
                        sourceLine: line.text))
            } else {
                blocks[blocks.count - 1].lines.append(line)
            }
        }
        return blocks
    }
}

/// Reading values off a line, with problems for the analyst when they are missing.
struct LineReader {
    var line: SourceLine
    var file: String

    /// The location just past the last lexeme, for "missing value" problems.
    var endLocation: SourceLocation {
        SourceLocation(file: file, line: line.number, column: line.text.count + 1)
    }

    func problem(_ lexeme: Lexeme?, _ message: String) -> RulesProblem {
        RulesProblem(lexeme?.location ?? endLocation, message, sourceLine: line.text)
    }

    /// Values separated by commas (`tag a, b`); strings or words as allowed.
    func commaList(
        _ lexemes: ArraySlice<Lexeme>, what: String, allowWords: Bool, allowStrings: Bool,
        problems: inout [RulesProblem]
    ) -> [Lexeme] {
        var values: [Lexeme] = []
        var expectingValue = true
        for lexeme in lexemes {
            switch lexeme.kind {
            case .comma:
                if expectingValue {
                    problems.append(
                        problem(
                            lexeme,
                            "a comma here separates nothing: write one \(what) between commas"))
                }
                expectingValue = true
            case .word where allowWords, .string where allowStrings:
                if !expectingValue {
                    problems.append(problem(lexeme, "put a comma between two \(what)s"))
                }
                values.append(lexeme)
                expectingValue = false
            case .word:
                problems.append(
                    problem(
                        lexeme,
                        "\(lexeme.written) should be in double quotes, like \"\(lexeme.written)\""))
                expectingValue = false
            case .string:
                problems.append(problem(lexeme, "write \(what)s without quotes here"))
                expectingValue = false
            case .openParenthesis, .closeParenthesis:
                problems.append(problem(lexeme, "parentheses are only allowed in match and unless"))
            }
        }
        return values
    }
}
