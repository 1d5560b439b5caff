import FeedModel

/// Everything a loaded rule set needs to match items, built once per load.
/// A class, so that evaluating an item does not copy (and retain) its tables.
final class CompiledRuleSet: Sendable {
    let entities: [CompiledEntity]
    let lists: [ListSummary]
    let rules: [CompiledRule]
    let leaves: [CompiledLeaf]
    let matcher: Matcher
    let spelling: SpellingClasses
    /// The leaves each atom belongs to: an occurrence of an atom is one of each.
    private let atomLeaves: [[Int32]]
    /// The rules a leaf wakes: a rule is evaluated only when one of its trigger
    /// leaves (see `CompiledQuery.triggers`) occurs, or always when it can hold
    /// without any term.
    private let leafRules: [[Int32]]
    private let alwaysCandidates: [Int32]

    init(
        entities: [CompiledEntity], lists: [ListSummary], rules: [CompiledRule],
        leaves: [CompiledLeaf],
        matcher: Matcher, spelling: SpellingClasses, atomCount: Int
    ) {
        self.spelling = spelling
        self.entities = entities
        self.lists = lists
        self.rules = rules
        self.leaves = leaves
        self.matcher = matcher
        var atomLeaves = [[Int32]](repeating: [], count: atomCount)
        for (leafIndex, leaf) in leaves.enumerated() {
            for atom in leaf.atoms { atomLeaves[Int(atom)].append(Int32(leafIndex)) }
        }
        // A rule is evaluated only when one of its trigger leaves occurs; keyword
        // lists and words are common in news, entities are rare, so entities win.
        var leafRules = [[Int32]](repeating: [], count: leaves.count)
        var always: [Int32] = []
        let cost: (Int32) -> Int = { leaf in leaves[Int(leaf)].namesEntities ? 1 : 1_000 }
        for (ruleIndex, rule) in rules.enumerated() {
            guard !rule.alwaysCandidate, let triggers = rule.match.triggers(cost: cost) else {
                always.append(Int32(ruleIndex))
                continue
            }
            for leaf in Set(triggers) { leafRules[Int(leaf)].append(Int32(ruleIndex)) }
        }
        self.atomLeaves = atomLeaves
        self.leafRules = leafRules
        self.alwaysCandidates = always
    }

    func spellings(of word: String) -> [String] {
        let words = Normalizer.words(of: word)
        guard words.count == 1, let only = words.first else { return words }
        return spelling.spellings(of: only)
    }

    /// The rules that fire on an item whose fields read `text`, in rule order.
    func evaluate(_ text: ItemText, feed: FeedContext) -> [RuleHit] {
        var occurrences: [Occurrence] = []
        for field in TextField.allCases {
            let fieldText = text[field]
            if !fieldText.isEmpty {
                matcher.occurrences(in: fieldText, field: field, into: &occurrences)
            }
        }
        // Most items mention nothing on the watchlist: no rule to evaluate.
        if occurrences.isEmpty && alwaysCandidates.isEmpty { return [] }
        // First the rules to wake (cheap: most occurrences are of common keywords,
        // which wake no rule), then, only if any, the occurrences of each leaf.
        var candidates = alwaysCandidates
        var wokenLeaves = Set<Int32>()
        for occurrence in occurrences {
            for leaf in atomLeaves[Int(occurrence.atom)]
            where !leafRules[Int(leaf)].isEmpty && wokenLeaves.insert(leaf).inserted {
                candidates += leafRules[Int(leaf)]
            }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var leafOccurrences: [Int32: [Occurrence]] = [:]
        for occurrence in occurrences {
            for leaf in atomLeaves[Int(occurrence.atom)] {
                leafOccurrences[leaf, default: []].append(occurrence)
            }
        }
        let evaluator = QueryEvaluator(leafOccurrences: leafOccurrences)
        var hits: [RuleHit] = []
        var previous: Int32 = -1
        for ruleIndex in candidates where ruleIndex != previous {
            previous = ruleIndex
            let rule = rules[Int(ruleIndex)]
            guard rule.accepts(feed) else { continue }
            let result = evaluator.evaluate(rule.match)
            guard result.holds else { continue }
            if rule.unless.contains(where: { evaluator.evaluate($0).holds }) { continue }
            hits.append(hit(rule, evidence: result.witnesses.flatMap(\.evidence), text: text))
        }
        return hits
    }

    private func hit(_ rule: CompiledRule, evidence: [Occurrence], text: ItemText) -> RuleHit {
        var matches: [TermMatch] = []
        var seenMatches: Set<TermMatch> = []
        var entityIds: [String] = []
        // Evidence in text order, field by field, reads best.
        let ordered = evidence.sorted {
            ($0.field.order, $0.firstToken, $0.lastToken) < (
                $1.field.order, $1.firstToken, $1.lastToken
            )
        }
        // A name inside a longer name of the same entity (`Islamic State Khorasan`
        // in `Islamic State Khorasan Province`) is one match: keep the longer.
        let kept = ordered.filter { inner in
            !ordered.contains { outer in
                outer.atom == inner.atom && outer.field == inner.field
                    && outer.firstToken <= inner.firstToken && outer.lastToken >= inner.lastToken
                    && outer.lastToken - outer.firstToken > inner.lastToken - inner.firstToken
            }
        }
        for occurrence in kept {
            let term: String
            if Int(occurrence.atom) < entities.count {
                let id = entities[Int(occurrence.atom)].summary.id
                term = "@" + id
                if !entityIds.contains(id) { entityIds.append(id) }
            } else {
                term = label(of: occurrence, in: rule)
            }
            let match = TermMatch(
                term: term, field: occurrence.field,
                text: Self.excerpt(text[occurrence.field], occurrence.byteRange))
            if seenMatches.insert(match).inserted { matches.append(match) }
        }
        return RuleHit(
            rule: rule.summary.id, title: rule.summary.title, severity: rule.summary.severity,
            matches: matches, entities: entityIds, notify: rule.summary.notify,
            notifyEach: rule.summary.notifyEach)
    }

    /// The text at a UTF-8 range, as it stands in the item.
    static func excerpt(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = text.utf8
        guard range.lowerBound >= 0, range.upperBound <= utf8.count else { return "" }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(text[start..<end])
    }

    /// The label of the rule's leaf that a literal occurrence belongs to (`#attack`, `bomb*`).
    private func label(of occurrence: Occurrence, in rule: CompiledRule) -> String {
        let ruleLeaves = Set(rule.match.leaves)
        for leaf in atomLeaves[Int(occurrence.atom)] where ruleLeaves.contains(leaf) {
            return leaves[Int(leaf)].label
        }
        return atomLeaves[Int(occurrence.atom)].first.map { leaves[Int($0)].label } ?? ""
    }
}

extension TextField {
    /// Title, summary, content: the order evidence is listed in.
    var order: Int {
        switch self {
        case .title: 0
        case .summary: 1
        case .content: 2
        }
    }
}
