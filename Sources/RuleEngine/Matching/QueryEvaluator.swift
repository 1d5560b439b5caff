import FeedModel

/// Decides whether a compiled query holds on an item's occurrences, and which
/// occurrences are the evidence.
///
/// Every subquery evaluates to whether it holds plus its *spans*: the places in
/// the text that witness it, each with the occurrences it is made of. `NEAR/n`
/// pairs spans of its two sides within one field; `NOT` holds without spans.
struct QueryEvaluator {
    struct Span {
        var field: TextField
        var firstToken: Int32
        var lastToken: Int32
        var evidence: [Occurrence]
    }

    struct Evaluation {
        var holds: Bool
        var spans: [Span]
    }

    /// Beyond this many spans a subquery keeps only the first: enough evidence,
    /// and NEAR over long texts stays cheap.
    static let maximumSpans = 256

    /// The occurrences of each leaf in the item.
    let leafOccurrences: [Int32: [Occurrence]]

    func evaluate(_ query: CompiledQuery, fields: FieldMask = .all) -> Evaluation {
        switch query {
        case .leaf(let leaf):
            let spans = (leafOccurrences[leaf] ?? []).lazy.filter {
                fields.contains(FieldMask($0.field))
            }
            .prefix(Self.maximumSpans).map {
                Span(
                    field: $0.field, firstToken: $0.firstToken, lastToken: $0.lastToken,
                    evidence: [$0])
            }
            return Evaluation(holds: !spans.isEmpty, spans: Array(spans))
        case .scoped(let scope, let inner):
            return evaluate(inner, fields: fields.intersection(scope))
        case .not(let inner):
            return Evaluation(holds: !evaluate(inner, fields: fields).holds, spans: [])
        case .and(let queries):
            var spans: [Span] = []
            for query in queries {
                let result = evaluate(query, fields: fields)
                if !result.holds { return Evaluation(holds: false, spans: []) }
                spans += result.spans
            }
            return Evaluation(holds: true, spans: spans)
        case .or(let queries):
            var holds = false
            var spans: [Span] = []
            for query in queries {
                let result = evaluate(query, fields: fields)
                if result.holds {
                    holds = true
                    spans += result.spans
                }
            }
            return Evaluation(holds: holds, spans: spans)
        case .near(let leftQuery, let rightQuery, let distance):
            let left = evaluate(leftQuery, fields: fields)
            guard left.holds else { return Evaluation(holds: false, spans: []) }
            let right = evaluate(rightQuery, fields: fields)
            guard right.holds else { return Evaluation(holds: false, spans: []) }
            var spans: [Span] = []
            for a in left.spans {
                for b in right.spans where a.field == b.field && Self.gap(a, b) <= distance {
                    spans.append(
                        Span(
                            field: a.field, firstToken: min(a.firstToken, b.firstToken),
                            lastToken: max(a.lastToken, b.lastToken),
                            evidence: a.evidence + b.evidence))
                    if spans.count >= Self.maximumSpans {
                        return Evaluation(holds: true, spans: spans)
                    }
                }
            }
            return Evaluation(holds: !spans.isEmpty, spans: spans)
        }
    }

    /// The number of tokens strictly between two spans; 0 when they touch or overlap.
    static func gap(_ a: Span, _ b: Span) -> Int {
        if a.lastToken < b.firstToken { return Int(b.firstToken - a.lastToken - 1) }
        if b.lastToken < a.firstToken { return Int(a.firstToken - b.lastToken - 1) }
        return 0
    }
}
