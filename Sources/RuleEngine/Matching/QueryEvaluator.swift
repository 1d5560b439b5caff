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
        /// Some witnesses were left out at `maximumWitnesses`: the evidence is
        /// the first of more, and the alert says so.
        var truncated = false
    }

    /// Beyond this many witnesses a subquery keeps only the first, so that
    /// NEAR over a long text stays cheap (its pairs grow with the product of
    /// its sides). Far more than a real article gives; reaching it is
    /// reported in the alert (`AlertTruncation`) and as a warning, and the
    /// alert's entities are then taken from every occurrence
    /// (`namedOccurrences`), so that none is lost.
    static let maximumWitnesses = 1024

    /// The occurrences of each leaf in the item.
    let leafOccurrences: [Int32: [Occurrence]]

    func evaluate(_ query: CompiledQuery, fields: FieldMask = .all) -> Evaluation {
        switch query {
        case .leaf(let leaf):
            // One more than kept, to know whether any was left out.
            var witnesses = (leafOccurrences[leaf] ?? []).lazy.filter {
                fields.contains(FieldMask($0.field))
            }
            .prefix(Self.maximumWitnesses + 1).map {
                Witness(
                    field: $0.field, firstToken: $0.firstToken, lastToken: $0.lastToken,
                    evidence: [$0])
            }
            let truncated = witnesses.count > Self.maximumWitnesses
            if truncated { witnesses.removeLast() }
            return Evaluation(
                holds: !witnesses.isEmpty, witnesses: Array(witnesses), truncated: truncated)
        case .scoped(let scope, let inner):
            return evaluate(inner, fields: fields.intersection(scope))
        case .not(let inner):
            return Evaluation(holds: !evaluate(inner, fields: fields).holds, witnesses: [])
        case .and(let queries):
            var witnesses: [Witness] = []
            var truncated = false
            for query in queries {
                let result = evaluate(query, fields: fields)
                if !result.holds { return Evaluation(holds: false, witnesses: []) }
                witnesses += result.witnesses
                truncated = truncated || result.truncated
            }
            return Evaluation(holds: true, witnesses: witnesses, truncated: truncated)
        case .or(let queries):
            var holds = false
            var witnesses: [Witness] = []
            var truncated = false
            for query in queries {
                let result = evaluate(query, fields: fields)
                if result.holds {
                    holds = true
                    witnesses += result.witnesses
                    truncated = truncated || result.truncated
                }
            }
            return Evaluation(holds: holds, witnesses: witnesses, truncated: truncated)
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
                        return Evaluation(holds: true, witnesses: witnesses, truncated: true)
                    }
                }
            }
            // Sides cut short may have had more pairs.
            return Evaluation(
                holds: !witnesses.isEmpty, witnesses: witnesses,
                truncated: left.truncated || right.truncated)
        }
    }

    /// Every occurrence of the query's terms in the fields it reads (those
    /// under `NOT` excepted), in no particular order: what its witnesses are
    /// drawn from, without their limit.
    func namedOccurrences(_ query: CompiledQuery, fields: FieldMask = .all) -> [Occurrence] {
        switch query {
        case .leaf(let leaf):
            return (leafOccurrences[leaf] ?? []).filter { fields.contains(FieldMask($0.field)) }
        case .scoped(let scope, let inner):
            return namedOccurrences(inner, fields: fields.intersection(scope))
        case .not:
            return []
        case .and(let queries), .or(let queries):
            return queries.flatMap { namedOccurrences($0, fields: fields) }
        case .near(let left, let right, _):
            return namedOccurrences(left, fields: fields) + namedOccurrences(right, fields: fields)
        }
    }

    /// The number of tokens strictly between two witnesses; 0 when they touch or overlap.
    static func gap(_ a: Witness, _ b: Witness) -> Int {
        if a.lastToken < b.firstToken { return Int(b.firstToken - a.lastToken - 1) }
        if b.lastToken < a.firstToken { return Int(a.firstToken - b.lastToken - 1) }
        return 0
    }
}
