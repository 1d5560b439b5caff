import FeedModel

/// Parses a `match` or `unless` query.
///
/// Precedence, tightest first: field scope, `NOT`, `NEAR/n`, `AND` (or two terms
/// side by side), `OR`. Operators are upper case; `and`, `or`, `not`, `near` are words.
struct QueryParser {
    private enum Piece {
        case term(QueryTerm)
        case and, or, not
        case near(Int)
        case scope(TextField)
        case open, close
    }

    private var pieces: [(piece: Piece, lexeme: Lexeme)] = []
    private var position = 0
    /// How deep parentheses and NOTs nest; bounded so that no query can exhaust the stack.
    private var depth = 0
    static let maximumDepth = 64
    private let reader: LineReader
    private(set) var problems: [RulesProblem] = []

    /// Parses `lexemes` (the query after `match`/`unless`); nil when it has problems.
    /// `terms` receives the terms read even when the query has problems, so that
    /// unknown references are reported together with the syntax problems.
    static func parse(
        _ lexemes: ArraySlice<Lexeme>, reader: LineReader, problems: inout [RulesProblem],
        terms: inout [QueryTerm]
    ) -> Query? {
        var parser = QueryParser(reader: reader)
        let query = parser.parseAll(lexemes)
        problems += parser.problems
        terms += parser.pieces.compactMap {
            if case .term(let term) = $0.piece { return term }
            return nil
        }
        return parser.problems.isEmpty ? query : nil
    }

    private init(reader: LineReader) { self.reader = reader }

    private mutating func parseAll(_ lexemes: ArraySlice<Lexeme>) -> Query? {
        for lexeme in lexemes { classify(lexeme) }
        guard problems.isEmpty else { return nil }
        guard !pieces.isEmpty else {
            problems.append(reader.problem(nil, "the query is empty: write what to look for"))
            return nil
        }
        guard let query = parseOr() else { return nil }
        if position < pieces.count {
            let lexeme = pieces[position].lexeme
            if case .close = pieces[position].piece {
                report(lexeme, "this ) has no matching (")
            } else {
                report(lexeme, "unexpected \(lexeme.written) here")
            }
            return nil
        }
        return query
    }

    private mutating func report(_ lexeme: Lexeme?, _ message: String) {
        problems.append(reader.problem(lexeme, message))
    }

    // MARK: Classifying lexemes

    private mutating func classify(_ lexeme: Lexeme) {
        switch lexeme.kind {
        case .openParenthesis: pieces.append((.open, lexeme))
        case .closeParenthesis: pieces.append((.close, lexeme))
        case .comma:
            report(lexeme, "a comma has no meaning in a query: join terms with OR or AND")
        case .string(let text):
            if let term = TextPatternParser.term(
                text, written: lexeme.written, location: lexeme.location, contentOffset: 1,
                reader: reader, problems: &problems)
            {
                pieces.append((.term(term), lexeme))
            }
        case .word(let word):
            classifyWord(word, lexeme: lexeme)
        }
    }

    private mutating func classifyWord(_ word: String, lexeme: Lexeme) {
        switch word {
        case "AND": pieces.append((.and, lexeme))
        case "OR": pieces.append((.or, lexeme))
        case "NOT": pieces.append((.not, lexeme))
        default:
            if word.hasPrefix("NEAR") {
                classifyNear(word, lexeme: lexeme)
            } else if word.hasPrefix("@") {
                classifyEntityReference(word, lexeme: lexeme)
            } else if word.hasPrefix("#") {
                let id = String(word.dropFirst())
                guard Identifiers.isValid(id) else {
                    return report(
                        lexeme,
                        "\(word) is not a list name: list ids are lower-case letters, digits, - and _"
                    )
                }
                pieces.append(
                    (
                        .term(QueryTerm(kind: .list(id), written: word, location: lexeme.location)),
                        lexeme
                    ))
            } else if let colon = word.firstIndex(of: ":"),
                word[..<colon].allSatisfy(\.isLetter), colon != word.startIndex
            {
                classifyScope(word, colon: colon, lexeme: lexeme)
            } else if let term = TextPatternParser.term(
                word, written: word, location: lexeme.location, contentOffset: 0, reader: reader,
                problems: &problems)
            {
                pieces.append((.term(term), lexeme))
            }
        }
    }

    private mutating func classifyNear(_ word: String, lexeme: Lexeme) {
        let distanceText = word.dropFirst(4)
        guard distanceText.hasPrefix("/"), let distance = Int(distanceText.dropFirst()),
            distance >= 0
        else {
            return report(
                lexeme,
                "\(word) is not an operator: write NEAR/n with the most tokens allowed between the two sides, like NEAR/10"
            )
        }
        pieces.append((.near(distance), lexeme))
    }

    private mutating func classifyEntityReference(_ word: String, lexeme: Lexeme) {
        let body = word.dropFirst()
        var kind: QueryTerm.Kind
        var id: Substring
        if body.hasPrefix("tag:") {
            id = body.dropFirst(4)
            kind = .tag(String(id))
        } else if body.hasPrefix("kind:") {
            id = body.dropFirst(5)
            kind = .kind(String(id))
        } else {
            id = body
            kind = .entity(String(id))
        }
        guard Identifiers.isValid(String(id)) else {
            return report(
                lexeme,
                "\(word) is not a reference: write @entity-id, @tag:tag or @kind:kind, with lower-case letters, digits, - and _"
            )
        }
        pieces.append(
            (.term(QueryTerm(kind: kind, written: word, location: lexeme.location)), lexeme))
    }

    private mutating func classifyScope(_ word: String, colon: String.Index, lexeme: Lexeme) {
        let name = String(word[..<colon])
        guard let field = TextField(rawValue: name) else {
            return report(
                lexeme,
                "\(name): is not a field: the fields are title:, summary: and content:\(Identifiers.didYouMean(name, among: TextField.allCases.map(\.rawValue)))"
            )
        }
        pieces.append((.scope(field), lexeme))
        let rest = String(word[word.index(after: colon)...])
        guard !rest.isEmpty else { return }
        var restLexeme = lexeme
        restLexeme.location.column += name.count + 1
        restLexeme.written = rest
        restLexeme.kind = .word(rest)
        classifyWord(rest, lexeme: restLexeme)
    }

    // MARK: Grammar

    private var current: Piece? { position < pieces.count ? pieces[position].piece : nil }
    private var currentLexeme: Lexeme? { position < pieces.count ? pieces[position].lexeme : nil }

    private mutating func parseOr() -> Query? {
        guard let first = parseAnd() else { return nil }
        var alternatives = [first]
        while case .or = current {
            position += 1
            guard let next = parseAnd() else { return nil }
            alternatives.append(next)
        }
        return alternatives.count == 1 ? first : .or(alternatives)
    }

    private mutating func parseAnd() -> Query? {
        guard let first = parseNear() else { return nil }
        var operands = [first]
        while let piece = current {
            switch piece {
            case .and: position += 1
            case .term, .open, .not, .scope: break
            default: return operands.count == 1 ? first : .and(operands)
            }
            guard let next = parseNear() else { return nil }
            operands.append(next)
        }
        return operands.count == 1 ? first : .and(operands)
    }

    private mutating func parseNear() -> Query? {
        guard var left = parseUnary() else { return nil }
        while case .near(let distance) = current {
            let operatorLexeme = currentLexeme
            position += 1
            guard let right = parseUnary() else { return nil }
            if case .not = left {
                report(
                    operatorLexeme,
                    "NEAR needs text on both sides; NOT … on its left never occurs in the text")
                return nil
            }
            if case .not = right {
                report(
                    operatorLexeme,
                    "NEAR needs text on both sides; NOT … on its right never occurs in the text")
                return nil
            }
            left = .near(left, right, distance: distance)
        }
        return left
    }

    private mutating func parseUnary() -> Query? {
        if case .not = current {
            guard enter(currentLexeme) else { return nil }
            defer { depth -= 1 }
            position += 1
            guard let operand = parseUnary() else { return nil }
            return .not(operand)
        }
        return parseScoped()
    }

    private mutating func enter(_ lexeme: Lexeme?) -> Bool {
        depth += 1
        if depth > Self.maximumDepth {
            report(
                lexeme,
                "the query nests too deeply (more than \(Self.maximumDepth) levels of ( … ) and NOT)"
            )
            return false
        }
        return true
    }

    private mutating func parseScoped() -> Query? {
        if case .scope(let field) = current {
            let scopeLexeme = currentLexeme
            position += 1
            switch current {
            case .term, .open, .scope: break
            default:
                report(
                    currentLexeme ?? scopeLexeme,
                    "\(field.rawValue): must be followed by a term or by ( … )")
                return nil
            }
            guard let inner = parseScoped() else { return nil }
            return .scoped(field, inner)
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> Query? {
        guard let piece = current, let lexeme = currentLexeme else {
            // The query ends after an operator: point at the operator.
            if position > 0 {
                let previous = pieces[position - 1]
                switch previous.piece {
                case .and, .or, .near:
                    report(previous.lexeme, "\(previous.lexeme.written) needs a term on each side")
                    return nil
                case .not:
                    report(previous.lexeme, "NOT needs a term after it")
                    return nil
                default: break
                }
            }
            report(nil, "the query ends where a term is expected")
            return nil
        }
        switch piece {
        case .term(let term):
            position += 1
            return .term(term)
        case .open:
            guard enter(lexeme) else { return nil }
            defer { depth -= 1 }
            position += 1
            guard let inner = parseOr() else { return nil }
            guard case .close = current else {
                report(lexeme, "this ( is never closed: add a ) after the group")
                return nil
            }
            position += 1
            return inner
        case .close:
            report(lexeme, "this ) comes where a term is expected")
        case .and, .or:
            report(lexeme, "\(lexeme.written) needs a term on each side")
        case .near:
            report(lexeme, "\(lexeme.written) needs a term on each side")
        case .not, .scope:
            report(lexeme, "unexpected \(lexeme.written) here")
        }
        return nil
    }
}
