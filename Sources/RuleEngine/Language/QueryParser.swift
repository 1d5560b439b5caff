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

    private var pieces: [(piece: Piece, token: Token)] = []
    private var position = 0
    /// How deep parentheses and NOTs nest; bounded so that no query can exhaust the stack.
    private var depth = 0
    static let maximumDepth = 64
    private let reader: LineReader
    private(set) var problems: [RulesProblem] = []

    /// Parses `tokens` (the query after `match`/`unless`); nil when it has problems.
    /// `terms` receives the terms read even when the query has problems, so that
    /// unknown references are reported together with the syntax problems.
    static func parse(
        _ tokens: ArraySlice<Token>, reader: LineReader, problems: inout [RulesProblem],
        terms: inout [QueryTerm]
    ) -> Query? {
        var parser = QueryParser(reader: reader)
        let query = parser.parseAll(tokens)
        problems += parser.problems
        terms += parser.pieces.compactMap {
            if case .term(let term) = $0.piece { return term }
            return nil
        }
        return parser.problems.isEmpty ? query : nil
    }

    private init(reader: LineReader) { self.reader = reader }

    private mutating func parseAll(_ tokens: ArraySlice<Token>) -> Query? {
        for token in tokens { classify(token) }
        guard problems.isEmpty else { return nil }
        guard !pieces.isEmpty else {
            problems.append(reader.problem(nil, "the query is empty: write what to look for"))
            return nil
        }
        guard let query = parseOr() else { return nil }
        if position < pieces.count {
            let token = pieces[position].token
            if case .close = pieces[position].piece {
                report(token, "this ) has no matching (")
            } else {
                report(token, "unexpected \(token.written) here")
            }
            return nil
        }
        return query
    }

    private mutating func report(_ token: Token?, _ message: String) {
        problems.append(reader.problem(token, message))
    }

    // MARK: Classifying tokens

    private mutating func classify(_ token: Token) {
        switch token.kind {
        case .openParenthesis: pieces.append((.open, token))
        case .closeParenthesis: pieces.append((.close, token))
        case .comma:
            report(token, "a comma has no meaning in a query: join terms with OR or AND")
        case .string(let text):
            if let term = TextPatternParser.term(
                text, written: token.written, location: token.location, contentOffset: 1,
                reader: reader, problems: &problems)
            {
                pieces.append((.term(term), token))
            }
        case .word(let word):
            classifyWord(word, token: token)
        }
    }

    private mutating func classifyWord(_ word: String, token: Token) {
        switch word {
        case "AND": pieces.append((.and, token))
        case "OR": pieces.append((.or, token))
        case "NOT": pieces.append((.not, token))
        default:
            if word.hasPrefix("NEAR") {
                classifyNear(word, token: token)
            } else if word.hasPrefix("@") {
                classifyEntityReference(word, token: token)
            } else if word.hasPrefix("#") {
                let id = String(word.dropFirst())
                guard Identifiers.isValid(id) else {
                    return report(
                        token,
                        "\(word) is not a list name: list ids are lower-case letters, digits, - and _"
                    )
                }
                pieces.append(
                    (
                        .term(QueryTerm(kind: .list(id), written: word, location: token.location)),
                        token
                    ))
            } else if let colon = word.firstIndex(of: ":"),
                word[..<colon].allSatisfy(\.isLetter), colon != word.startIndex
            {
                classifyScope(word, colon: colon, token: token)
            } else if let term = TextPatternParser.term(
                word, written: word, location: token.location, contentOffset: 0, reader: reader,
                problems: &problems)
            {
                pieces.append((.term(term), token))
            }
        }
    }

    private mutating func classifyNear(_ word: String, token: Token) {
        let distanceText = word.dropFirst(4)
        guard distanceText.hasPrefix("/"), let distance = Int(distanceText.dropFirst()),
            distance >= 0
        else {
            return report(
                token,
                "\(word) is not an operator: write NEAR/n with the most tokens allowed between the two sides, like NEAR/10"
            )
        }
        pieces.append((.near(distance), token))
    }

    private mutating func classifyEntityReference(_ word: String, token: Token) {
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
                token,
                "\(word) is not a reference: write @entity-id, @tag:tag or @kind:kind, with lower-case letters, digits, - and _"
            )
        }
        pieces.append(
            (.term(QueryTerm(kind: kind, written: word, location: token.location)), token))
    }

    private mutating func classifyScope(_ word: String, colon: String.Index, token: Token) {
        let name = String(word[..<colon])
        guard let field = TextField(rawValue: name) else {
            return report(
                token,
                "\(name): is not a field: the fields are title:, summary: and content:\(Identifiers.didYouMean(name, among: TextField.allCases.map(\.rawValue)))"
            )
        }
        pieces.append((.scope(field), token))
        let rest = String(word[word.index(after: colon)...])
        guard !rest.isEmpty else { return }
        var restToken = token
        restToken.location.column += name.count + 1
        restToken.written = rest
        restToken.kind = .word(rest)
        classifyWord(rest, token: restToken)
    }

    // MARK: Grammar

    private var current: Piece? { position < pieces.count ? pieces[position].piece : nil }
    private var currentToken: Token? { position < pieces.count ? pieces[position].token : nil }

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
            let operatorToken = currentToken
            position += 1
            guard let right = parseUnary() else { return nil }
            if case .not = left {
                report(
                    operatorToken,
                    "NEAR needs text on both sides; NOT … on its left never occurs in the text")
                return nil
            }
            if case .not = right {
                report(
                    operatorToken,
                    "NEAR needs text on both sides; NOT … on its right never occurs in the text")
                return nil
            }
            left = .near(left, right, distance: distance)
        }
        return left
    }

    private mutating func parseUnary() -> Query? {
        if case .not = current {
            guard enter(currentToken) else { return nil }
            defer { depth -= 1 }
            position += 1
            guard let operand = parseUnary() else { return nil }
            return .not(operand)
        }
        return parseScoped()
    }

    private mutating func enter(_ token: Token?) -> Bool {
        depth += 1
        if depth > Self.maximumDepth {
            report(
                token,
                "the query nests too deeply (more than \(Self.maximumDepth) levels of ( … ) and NOT)"
            )
            return false
        }
        return true
    }

    private mutating func parseScoped() -> Query? {
        if case .scope(let field) = current {
            let scopeToken = currentToken
            position += 1
            switch current {
            case .term, .open, .scope: break
            default:
                report(
                    currentToken ?? scopeToken,
                    "\(field.rawValue): must be followed by a term or by ( … )")
                return nil
            }
            guard let inner = parseScoped() else { return nil }
            return .scoped(field, inner)
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> Query? {
        guard let piece = current, let token = currentToken else {
            // The query ends after an operator: point at the operator.
            if position > 0 {
                let previous = pieces[position - 1]
                switch previous.piece {
                case .and, .or, .near:
                    report(previous.token, "\(previous.token.written) needs a term on each side")
                    return nil
                case .not:
                    report(previous.token, "NOT needs a term after it")
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
            guard enter(token) else { return nil }
            defer { depth -= 1 }
            position += 1
            guard let inner = parseOr() else { return nil }
            guard case .close = current else {
                report(token, "this ( is never closed: add a ) after the group")
                return nil
            }
            position += 1
            return inner
        case .close:
            report(token, "this ) comes where a term is expected")
        case .and, .or:
            report(token, "\(token.written) needs a term on each side")
        case .near:
            report(token, "\(token.written) needs a term on each side")
        case .not, .scope:
            report(token, "unexpected \(token.written) here")
        }
        return nil
    }
}
