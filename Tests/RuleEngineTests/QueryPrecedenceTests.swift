import Testing

@testable import RuleEngine

/// Precedence, tightest first: field scope, NOT, NEAR/n, AND, OR.
@Suite struct QueryPrecedenceTests {
    func render(_ query: Query) -> String {
        switch query {
        case .term(let term): term.written
        case .scoped(let field, let inner): "\(field.rawValue):\(render(inner))"
        case .not(let inner): "(NOT \(render(inner)))"
        case .and(let queries): "(" + queries.map(render).joined(separator: " AND ") + ")"
        case .or(let queries): "(" + queries.map(render).joined(separator: " OR ") + ")"
        case .near(let left, let right, let distance):
            "(\(render(left)) NEAR/\(distance) \(render(right)))"
        }
    }

    func parse(_ text: String) -> String? {
        var lexer = Lexer(file: "q")
        let lines = lexer.lex("  match " + text)
        var problems: [RulesProblem] = []
        var terms: [QueryTerm] = []
        let reader = LineReader(line: lines[0], file: "q")
        return QueryParser.parse(
            lines[0].lexemes.dropFirst(), reader: reader, problems: &problems, terms: &terms
        )
        .map(render)
    }

    @Test(arguments: [
        ("a b", "(a AND b)"),
        ("a AND b OR c", "((a AND b) OR c)"),
        ("a OR b c", "(a OR (b AND c))"),
        ("a NEAR/3 b c", "((a NEAR/3 b) AND c)"),
        ("NOT a b", "((NOT a) AND b)"),
        ("NOT title:a", "(NOT title:a)"),
        ("title:a NEAR/2 b", "(title:a NEAR/2 b)"),
        ("title:(a OR b) c", "(title:(a OR b) AND c)"),
        ("a NEAR/1 b NEAR/2 c", "((a NEAR/1 b) NEAR/2 c)"),
        ("(a OR b) NEAR/5 @x", "((a OR b) NEAR/5 @x)"),
        ("a and b or not c near d", "(a AND and AND b AND or AND not AND c AND near AND d)"),
        ("summary:\"x y\" content:#l", "(summary:\"x y\" AND content:#l)"),
        ("@tag:t OR @kind:person", "(@tag:t OR @kind:person)"),
    ])
    func precedence(query: String, expected: String) {
        #expect(parse(query) == expected)
    }
}
