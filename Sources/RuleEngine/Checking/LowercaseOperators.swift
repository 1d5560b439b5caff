/// Finds `and`, `or`, `not` and `near` written in lower case between the terms
/// of a query: the language reads them as words the text must contain, which
/// an analyst who meant the operator does not notice until the rule stays silent.
enum LowercaseOperators {
    /// The warnings for the lexemes of one `match` or `unless` line (after the keyword).
    static func find(in lexemes: ArraySlice<Lexeme>, reader: LineReader) -> [RulesWarning] {
        let lexemes = Array(lexemes)
        var warnings: [RulesWarning] = []
        for index in lexemes.indices.dropFirst().dropLast() {
            guard case .word(let word) = lexemes[index].kind,
                let meant = operatorMeant(by: word),
                endsTerm(lexemes[index - 1]), startsTerm(lexemes[index + 1])
            else { continue }
            let message =
                "\(word) is read as the word \"\(word)\", which the text must then contain: "
                + "write \(meant) for the operator (or \"\(word)\" in quotes for the word)"
            warnings.append(
                RulesWarning(.lowercaseOperator, reader.problem(lexemes[index], message)))
        }
        return warnings
    }

    /// The operator a lower-case word looks like (`AND`, `NEAR/8`), or nil.
    static func operatorMeant(by word: String) -> String? {
        switch word {
        case "and", "or", "not": return word.uppercased()
        case "near": return "NEAR/n (like NEAR/10)"
        default:
            guard word.hasPrefix("near/"), Int(word.dropFirst(5)) != nil else { return nil }
            return word.uppercased()
        }
    }

    /// Whether a lexeme can end a term: a word that is no upper-case operator, a string, a `)`.
    private static func endsTerm(_ lexeme: Lexeme) -> Bool {
        switch lexeme.kind {
        case .string, .closeParenthesis: true
        case .word(let word): !isOperator(word)
        default: false
        }
    }

    /// Whether a lexeme can start a term: a word that is no upper-case operator, a string, a `(`.
    private static func startsTerm(_ lexeme: Lexeme) -> Bool {
        switch lexeme.kind {
        case .string, .openParenthesis: true
        case .word(let word): !isOperator(word)
        default: false
        }
    }

    private static func isOperator(_ word: String) -> Bool {
        word == "AND" || word == "OR" || word == "NOT" || word.hasPrefix("NEAR")
    }
}
