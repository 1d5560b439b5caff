import FeedModel

/// Decides whether a compiled query holds on an item's occurrences, and which
/// occurrences are the evidence.
///
/// Every subquery evaluates to whether it holds plus its *witnesses*: the
/// stretches of text that show it holds, each with the occurrences it is made
/// of. `NEAR/n` pairs witnesses of its two sides within one field; `NOT` holds
/// without witnesses.
struct QueryEvaluator {
    /// A stretch of one field, in tokens, that shows a subquery holds.
    struct Witness {
        var field: TextField
        var firstToken: Int32
        var lastToken: Int32
        var evidence: [Occurrence]
    }

    struct Evaluation {
        var holds: Bool
        var witnesses: [Witness]
    }

    /// Beyond this many witnesses a subquery keeps only the first: enough evidence,
    /// and NEAR over long texts stays cheap.
    static let maximumWitnesses = 256

    /// The occurrences of each leaf in the item.
    let leafOccurrences: [Int32: [Occurrence]]

    func evaluate(_ query: CompiledQuery, fields: FieldMask = .all) -> Evaluation {
        switch query {
        case .leaf(let leaf):
            let witnesses = (leafOccurrences[leaf] ?? []).lazy.filter {
                fields.contains(FieldMask($0.field))
            }
            .prefix(Self.maximumWitnesses).map {
                Witness(
                    field: $0.field, firstToken: $0.firstToken, lastToken: $0.lastToken,
                    evidence: [$0])
            }
            return Evaluation(holds: !witnesses.isEmpty, witnesses: Array(witnesses))
        case .scoped(let scope, let inner):
            return evaluate(inner, fields: fields.intersection(scope))
        case .not(let inner):
            return Evaluation(holds: !evaluate(inner, fields: fields).holds, witnesses: [])
        case .and(let queries):
            var witnesses: [Witness] = []
            for query in queries {
                let result = evaluate(query, fields: fields)
                if !result.holds { return Evaluation(holds: false, witnesses: []) }
                witnesses += result.witnesses
            }
            return Evaluation(holds: true, witnesses: witnesses)
        case .or(let queries):
            var holds = false
            var witnesses: [Witness] = []
            for query in queries {
                let result = evaluate(query, fields: fields)
                if result.holds {
                    holds = true
                    witnesses += result.witnesses
                }
            }
            return Evaluation(holds: holds, witnesses: witnesses)
        case .near(let leftQuery, let rightQuery, let distance):
            let left = evaluate(leftQuery, fields: fields)
            guard left.holds else { return Evaluation(holds: false, witnesses: []) }
            let right = evaluate(rightQuery, fields: fields)
            guard right.holds else { return Evaluation(holds: false, witnesses: []) }
            var witnesses: [Witness] = []
            for a in left.witnesses {
                for b in right.witnesses where a.field == b.field && Self.gap(a, b) <= distance {
                    witnesses.append(
                        Witness(
                            field: a.field, firstToken: min(a.firstToken, b.firstToken),
                            lastToken: max(a.lastToken, b.lastToken),
                            evidence: a.evidence + b.evidence))
                    if witnesses.count >= Self.maximumWitnesses {
                        return Evaluation(holds: true, witnesses: witnesses)
                    }
                }
            }
            return Evaluation(holds: !witnesses.isEmpty, witnesses: witnesses)
        }
    }

    /// The number of tokens strictly between two witnesses; 0 when they touch or overlap.
    static func gap(_ a: Witness, _ b: Witness) -> Int {
        if a.lastToken < b.firstToken { return Int(b.firstToken - a.lastToken - 1) }
        if b.lastToken < a.firstToken { return Int(a.firstToken - b.lastToken - 1) }
        return 0
    }
}
