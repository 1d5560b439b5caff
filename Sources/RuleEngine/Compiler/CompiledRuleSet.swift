import FeedModel

/// Everything a loaded rule set needs to match items, read from a compiled
/// rules image (`RulesImage`): the matcher's tables, the rules, and which rules
/// each term wakes. A class, so that evaluating an item does not copy (and
/// retain) its tables.
final class CompiledRuleSet: Sendable {
    let rules: [CompiledRule]
    let leafLabels: [String]
    let matcher: Matcher
    let spelling: SpellingClasses
    let lists: [ListSummary]
    /// The entities as written, for listings, decoded when asked for.
    let listing: RulesListing
    /// Atoms `0..<entityCount` are the entities, in the order written; the
    /// id of entity `e` is `entityIDBytes[entityIDStart[e]..<entityIDStart[e + 1]]`.
    let entityCount: Int
    private let entityIDStart: FrozenTable<Int32>
    private let entityIDBytes: FrozenTable<UInt8>
    /// The leaves each atom belongs to (`atomLeaves[atomLeafStart[a]..<atomLeafStart[a + 1]]`):
    /// an occurrence of an atom is one of each.
    private let atomLeafStart: FrozenTable<Int32>
    private let atomLeaves: FrozenTable<Int32>
    /// The rules a leaf wakes: a rule is evaluated only when one of its trigger
    /// leaves (see `CompiledQuery.triggers`) occurs, or always when it can hold
    /// without any term.
    private let leafRules: [[Int32]]
    private let alwaysCandidates: [Int32]

    init(
        rules: [CompiledRule], leafLabels: [String], matcher: Matcher,
        spelling: SpellingClasses, lists: [ListSummary], listing: RulesListing,
        entityIDs: (start: FrozenTable<Int32>, bytes: FrozenTable<UInt8>),
        atomLeaves: (start: FrozenTable<Int32>, leaves: FrozenTable<Int32>),
        leafRules: [[Int32]], alwaysCandidates: [Int32]
    ) {
        self.rules = rules
        self.leafLabels = leafLabels
        self.matcher = matcher
        self.spelling = spelling
        self.lists = lists
        self.listing = listing
        self.entityCount = entityIDs.start.count - 1
        self.entityIDStart = entityIDs.start
        self.entityIDBytes = entityIDs.bytes
        self.atomLeafStart = atomLeaves.start
        self.atomLeaves = atomLeaves.leaves
        self.leafRules = leafRules
        self.alwaysCandidates = alwaysCandidates
    }

    /// The id of entity `index`.
    func entityID(_ index: Int) -> String {
        let range = Int(entityIDStart[index])..<Int(entityIDStart[index + 1])
        return String(decoding: range.map { entityIDBytes[$0] }, as: UTF8.self)
    }

    /// Calls `body` with every leaf `atom` belongs to.
    @inline(__always)
    func forEachLeaf(of atom: Int32, _ body: (Int32) -> Void) {
        atomLeaves.forEach(
            in: Int(atomLeafStart[Int(atom)])..<Int(atomLeafStart[Int(atom) + 1]), body)
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
            forEachLeaf(of: occurrence.atom) { leaf in
                if !leafRules[Int(leaf)].isEmpty && wokenLeaves.insert(leaf).inserted {
                    candidates += leafRules[Int(leaf)]
                }
            }
        }
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var leafOccurrences: [Int32: [Occurrence]] = [:]
        for occurrence in occurrences {
            forEachLeaf(of: occurrence.atom) { leaf in
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
            var hit = hit(rule, evidence: result.witnesses.flatMap(\.evidence), text: text)
            if result.truncated {
                // The evidence is the first of more: its entities may not be all.
                hit.evidenceTruncated = true
                hit.entities = entities(
                    hit.entities, adding: evaluator.namedOccurrences(rule.match))
            }
            hits.append(hit)
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
            if Int(occurrence.atom) < entityCount {
                let id = entityID(Int(occurrence.atom))
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

    /// `entities` followed by those of `occurrences` it lacks, in text order.
    private func entities(_ entities: [String], adding occurrences: [Occurrence]) -> [String] {
        var result = entities
        var listed = Set(entities)
        let ordered = occurrences.filter { Int($0.atom) < entityCount }.sorted {
            ($0.field.order, $0.firstToken) < ($1.field.order, $1.firstToken)
        }
        for occurrence in ordered {
            let id = entityID(Int(occurrence.atom))
            if listed.insert(id).inserted { result.append(id) }
        }
        return result
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
        var first: Int32?
        var ruleLeaf: Int32?
        forEachLeaf(of: occurrence.atom) { leaf in
            if first == nil { first = leaf }
            if ruleLeaf == nil && ruleLeaves.contains(leaf) { ruleLeaf = leaf }
        }
        return (ruleLeaf ?? first).map { leafLabels[Int($0)] } ?? ""
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
