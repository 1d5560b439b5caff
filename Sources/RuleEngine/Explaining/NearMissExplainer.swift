import FeedModel

/// Why the rules that came close to firing on an item did not. Runs only for
/// `rules test --explain`: it finds the occurrences of every term and looks at
/// every rule, where matching (`CompiledRuleSet.evaluate`) wakes only the rules
/// whose rare terms occur and stops at the first failing part.
struct NearMissExplainer {
    let ruleSet: CompiledRuleSet
    let text: ItemText
    let evaluator: QueryEvaluator

    init(ruleSet: CompiledRuleSet, text: ItemText) {
        self.ruleSet = ruleSet
        self.text = text
        var occurrences: [Occurrence] = []
        for field in TextField.allCases where !text[field].isEmpty {
            ruleSet.matcher.occurrences(in: text[field], field: field, into: &occurrences)
        }
        var leafOccurrences: [Int32: [Occurrence]] = [:]
        for occurrence in occurrences {
            ruleSet.forEachLeaf(of: occurrence.atom) { leaf in
                leafOccurrences[leaf, default: []].append(occurrence)
            }
        }
        evaluator = QueryEvaluator(leafOccurrences: leafOccurrences)
    }

    /// The near misses of the rules not in `fired`, in rule order.
    func nearMisses(feed: FeedContext, fired: Set<String>) -> [NearMiss] {
        ruleSet.rules.filter { !fired.contains($0.summary.id) }.compactMap {
            nearMiss($0, feed: feed)
        }
    }

    private func nearMiss(_ rule: CompiledRule, feed: FeedContext) -> NearMiss? {
        // Came close: a term the match looks for (not under NOT) is in the item, in any field.
        guard
            Self.positiveLeaves(rule.match).contains(where: { evaluator.leafOccurrences[$0] != nil }
            )
        else { return nil }
        let parts = Self.conjuncts(rule.match)
        let partsHeld = parts.map { evaluator.evaluate($0).holds }
        var miss = NearMiss(
            rule: rule.summary.id, title: rule.summary.title, reason: .missing,
            held: zip(parts, partsHeld).filter { $0.1 }.map { describe($0.0) },
            missing: zip(parts, partsHeld).filter { !$0.1 }.map { describe($0.0) },
            unless: nil, unlessMatches: [], near: [], fieldScope: [], feedFilter: nil)
        if !rule.accepts(feed) {
            miss.feedFilter = NearMiss.FeedFilterMiss(
                filters: rule.feeds.map(\.written), feed: feed.name, feedTags: feed.tags)
        }
        if evaluator.evaluate(rule.match).holds {
            if let index = rule.unless.firstIndex(where: { evaluator.evaluate($0).holds }) {
                miss.unless =
                    index < rule.summary.unless.count ? rule.summary.unless[index] : nil
                let evidence = evaluator.evaluate(rule.unless[index]).witnesses.flatMap(\.evidence)
                miss.unlessMatches = matches(evidence, labelledBy: rule.unless[index])
            }
            miss.reason = miss.feedFilter != nil ? .feedFilter : .unless
            return miss
        }
        diagnose(rule.match, fields: .all, into: &miss)
        if !miss.near.isEmpty {
            miss.reason = .near
        } else if !miss.fieldScope.isEmpty {
            miss.reason = .fieldScope
        }
        return miss
    }

    // MARK: Why a query fails

    /// Adds to `miss` the NEARs whose sides occur too far apart and the terms
    /// found outside their scope, among the parts of `query` that fail.
    private func diagnose(_ query: CompiledQuery, fields: FieldMask, into miss: inout NearMiss) {
        guard !evaluator.evaluate(query, fields: fields).holds else { return }
        switch query {
        case .leaf(let leaf):
            let elsewhere = (evaluator.leafOccurrences[leaf] ?? []).filter {
                !fields.contains(FieldMask($0.field))
            }
            guard !elsewhere.isEmpty else { return }
            miss.fieldScope.append(
                NearMiss.FieldScopeMiss(
                    term: ruleSet.leafLabels[Int(leaf)],
                    scope: TextField.allCases.filter { fields.contains(FieldMask($0)) },
                    foundIn: matches(elsewhere, labelledBy: query)))
        case .scoped(let scope, let inner):
            diagnose(inner, fields: fields.intersection(scope), into: &miss)
        case .not:
            return
        case .and(let queries), .or(let queries):
            for part in queries { diagnose(part, fields: fields, into: &miss) }
        case .near(let left, let right, let distance):
            let leftSide = evaluator.evaluate(left, fields: fields)
            let rightSide = evaluator.evaluate(right, fields: fields)
            guard leftSide.holds && rightSide.holds else {
                diagnose(left, fields: fields, into: &miss)
                diagnose(right, fields: fields, into: &miss)
                return
            }
            var closest: (gap: Int, field: TextField)?
            for a in leftSide.witnesses {
                for b in rightSide.witnesses where a.field == b.field {
                    let gap = QueryEvaluator.gap(a, b)
                    if let found = closest, found.gap <= gap { continue }
                    closest = (gap, a.field)
                }
            }
            miss.near.append(
                NearMiss.NearDistance(
                    query: describe(query), allowed: distance, found: closest?.gap,
                    field: closest?.field))
        }
    }

    // MARK: Reading a query

    /// The leaves a query looks for, those under `NOT` excepted.
    static func positiveLeaves(_ query: CompiledQuery) -> [Int32] {
        switch query {
        case .leaf(let leaf): [leaf]
        case .scoped(_, let inner): positiveLeaves(inner)
        case .not: []
        case .and(let queries), .or(let queries): queries.flatMap(positiveLeaves)
        case .near(let left, let right, _): positiveLeaves(left) + positiveLeaves(right)
        }
    }

    /// The parts that must all occur: the operands of AND and the sides of
    /// NEAR, from the top down, or the query.
    static func conjuncts(_ query: CompiledQuery) -> [CompiledQuery] {
        switch query {
        case .and(let queries): queries.flatMap(conjuncts)
        case .near(let left, let right, _): conjuncts(left) + conjuncts(right)
        default: [query]
        }
    }

    /// The query as the rule reads it, from its terms' labels.
    func describe(_ query: CompiledQuery) -> String {
        switch query {
        case .leaf(let leaf):
            return ruleSet.leafLabels[Int(leaf)]
        case .scoped(let mask, let inner):
            let scope = TextField.allCases.filter { mask.contains(FieldMask($0)) }
            let prefix = scope.map { "\($0.rawValue):" }.joined()
            return prefix + grouped(inner)
        case .not(let inner):
            return "NOT " + grouped(inner)
        case .and(let queries):
            return queries.map(grouped).joined(separator: " AND ")
        case .or(let queries):
            return queries.map(grouped).joined(separator: " OR ")
        case .near(let left, let right, let distance):
            return "\(grouped(left)) NEAR/\(distance) \(grouped(right))"
        }
    }

    private func grouped(_ query: CompiledQuery) -> String {
        switch query {
        case .leaf, .scoped, .not: describe(query)
        default: "(\(describe(query)))"
        }
    }

    // MARK: Evidence

    /// Occurrences as evidence, each named by the term of `query` it is of.
    private func matches(_ occurrences: [Occurrence], labelledBy query: CompiledQuery)
        -> [TermMatch]
    {
        let queryLeaves = Set(query.leaves)
        var seen: Set<TermMatch> = []
        var result: [TermMatch] = []
        let ordered = occurrences.sorted {
            ($0.field.order, $0.firstToken) < ($1.field.order, $1.firstToken)
        }
        for occurrence in ordered {
            var term = ""
            if Int(occurrence.atom) < ruleSet.entityCount {
                term = "@" + ruleSet.entityID(Int(occurrence.atom))
            } else {
                ruleSet.forEachLeaf(of: occurrence.atom) { leaf in
                    if term.isEmpty && queryLeaves.contains(leaf) {
                        term = ruleSet.leafLabels[Int(leaf)]
                    }
                }
            }
            let match = TermMatch(
                term: term, field: occurrence.field,
                text: CompiledRuleSet.excerpt(text[occurrence.field], occurrence.byteRange))
            if seen.insert(match).inserted { result.append(match) }
        }
        return result
    }
}
