/// Turns the declarations of a folder into a rule set ready for matching:
/// checks ids and references, generates entity variants, and builds the matcher.
struct RuleSetCompiler {
    private let document: RulesDocument
    private let knownSinks: Set<String>?
    private(set) var problems: [RulesProblem] = []
    private var sourceLines: [String: [Substring]]

    private var entityIndex: [String: Int] = [:]
    private var listIndex: [String: Int] = [:]
    private var tags: Set<String> = []

    // What the compiled rule set is made of.
    private var atoms: [MatcherAtom] = []
    private var literalAtoms: [[TextPatternElement]: Int32] = [:]
    private var leaves: [CompiledLeaf] = []
    private var leafIndex: [String: Int32] = [:]

    init(document: RulesDocument, knownSinks: Set<String>?, sources: [String: String]) {
        self.document = document
        self.knownSinks = knownSinks
        self.sourceLines = sources.mapValues {
            $0.split(separator: "\n", omittingEmptySubsequences: false)
        }
    }

    private func line(_ location: SourceLocation) -> String? {
        guard let lines = sourceLines[location.file], location.line - 1 < lines.count else {
            return nil
        }
        var text = String(lines[location.line - 1])
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    private mutating func report(_ location: SourceLocation, _ message: String) {
        problems.append(RulesProblem(location, message, sourceLine: line(location)))
    }

    /// The compiled rule set, ready to be laid out as an image, or nil when
    /// there are problems.
    mutating func compile() -> CompiledRulesContents? {
        checkUniqueIds()
        let spelling = SpellingClasses(extra: document.equivalents.map { $0.words.map(\.value) })
        var entities: [CompiledEntity] = []
        for declaration in document.entities
        where entityIndex[declaration.id.value] == entities.count {
            let names = [declaration.name.value] + declaration.aliases.map(\.value)
            var seen: Set<[TextPatternElement]> = []
            var variants: [[TextPatternElement]] = []
            for name in names {
                // Variants that differ only in spellings of one class match the same
                // text: keep the first, so listings show what is really different.
                for variant in AliasVariants.variants(of: name, spelling: spelling)
                where seen.insert(variant.map(spelling.firstSpelling)).inserted {
                    variants.append(variant)
                }
            }
            entities.append(
                CompiledEntity(
                    summary: EntitySummary(
                        id: declaration.id.value, name: declaration.name.value,
                        kind: declaration.kind,
                        aliases: declaration.aliases.map(\.value),
                        tags: declaration.tags.map(\.value),
                        variantCount: variants.count),
                    variants: variants))
            atoms.append(
                MatcherAtom(
                    entity: Int32(entities.count - 1),
                    sequences: variants))
            tags.formUnion(declaration.tags.map(\.value))
        }
        var rules: [CompiledRule] = []
        for declaration in document.rules {
            guard let rule = compileRule(declaration, entities: entities) else { continue }
            rules.append(rule)
        }
        guard problems.isEmpty else { return nil }
        let lists = document.lists.filter { listIndex[$0.id.value] != nil }.map {
            ListSummary(id: $0.id.value, terms: $0.terms.map(\.written))
        }
        let matcher = Matcher.Builder(atoms: atoms, spelling: spelling)
        return CompiledRulesContents(
            entities: entities, lists: lists, rules: rules, leaves: leaves, matcher: matcher,
            atomCount: atoms.count,
            equivalents: document.equivalents.map { $0.words.map(\.value) })
    }

    private mutating func checkUniqueIds() {
        var entityLocations: [String: SourceLocation] = [:]
        for entity in document.entities {
            if let first = entityLocations[entity.id.value] {
                report(
                    entity.id.location,
                    "duplicate entity id \(entity.id.value): the entity at \(first) already has it")
            } else {
                entityLocations[entity.id.value] = entity.id.location
                entityIndex[entity.id.value] = entityIndex.count
            }
        }
        var listLocations: [String: SourceLocation] = [:]
        for (index, list) in document.lists.enumerated() {
            if let first = listLocations[list.id.value] {
                report(
                    list.id.location,
                    "duplicate list id \(list.id.value): the list at \(first) already has it")
            } else {
                listLocations[list.id.value] = list.id.location
                listIndex[list.id.value] = index
            }
        }
        var ruleLocations: [String: SourceLocation] = [:]
        for rule in document.rules {
            if let first = ruleLocations[rule.id.value] {
                report(
                    rule.id.location,
                    "duplicate rule id \(rule.id.value): the rule at \(first) already has it")
            } else {
                ruleLocations[rule.id.value] = rule.id.location
            }
        }
    }

    private mutating func compileRule(_ declaration: RuleDeclaration, entities: [CompiledEntity])
        -> CompiledRule?
    {
        let problemCount = problems.count
        var notify = declaration.notify.map(\.value)
        if let knownSinks {
            for sink in declaration.notify
            where sink.value != "log" && !knownSinks.contains(sink.value) {
                let known = (["log"] + knownSinks.sorted()).joined(separator: ", ")
                report(
                    sink.location,
                    "unknown sink \(sink.value): the configuration defines \(known)\(Identifiers.didYouMean(sink.value, among: knownSinks.union(["log"])))"
                )
            }
        }
        if notify.isEmpty { notify = ["log"] }
        guard declaration.isComplete, let matchQuery = declaration.match else {
            // Only for the problems: unknown references are reported by `leaf`.
            for term in declaration.terms { _ = leaf(for: term, entities: entities) }
            return nil
        }
        let match = compile(matchQuery, entities: entities)
        let unless = declaration.unless.map { compile($0, entities: entities) }
        guard problems.count == problemCount else { return nil }
        let summary = RuleSummary(
            id: declaration.id.value, title: declaration.title, severity: declaration.severity,
            match: declaration.matchWritten, unless: declaration.unlessWritten,
            feeds: declaration.feeds.map(\.written), notify: notify,
            notifyEach: declaration.notifyEach, escalation: declaration.escalation)
        return CompiledRule(
            summary: summary, match: match, unless: unless, feeds: declaration.feeds,
            alwaysCandidate: match.holdsWithoutTerms)
    }

    private mutating func compile(_ query: Query, entities: [CompiledEntity]) -> CompiledQuery {
        switch query {
        case .term(let term): return .leaf(leaf(for: term, entities: entities))
        case .scoped(let field, let inner):
            return .scoped(FieldMask(field), compile(inner, entities: entities))
        case .not(let inner): return .not(compile(inner, entities: entities))
        case .and(let queries): return .and(queries.map { compile($0, entities: entities) })
        case .or(let queries): return .or(queries.map { compile($0, entities: entities) })
        case .near(let left, let right, let distance):
            return .near(
                compile(left, entities: entities), compile(right, entities: entities),
                distance: distance)
        }
    }

    private mutating func literalAtom(_ elements: [TextPatternElement]) -> Int32 {
        if let existing = literalAtoms[elements] { return existing }
        let atom = Int32(atoms.count)
        atoms.append(MatcherAtom(entity: -1, sequences: [elements]))
        literalAtoms[elements] = atom
        return atom
    }

    /// The leaf of a term; leaves are shared by equal terms across rules.
    private mutating func leaf(for term: QueryTerm, entities: [CompiledEntity]) -> Int32 {
        let key: String
        var atomsOfLeaf: [Int32] = []
        var namesEntities = true
        switch term.kind {
        case .text(let elements):
            key = "text:\(elements)"
            if let existing = leafIndex[key] { return existing }
            atomsOfLeaf = [literalAtom(elements)]
            namesEntities = false
        case .list(let id):
            key = "list:\(id)"
            if let existing = leafIndex[key] { return existing }
            guard let index = listIndex[id] else {
                report(
                    term.location,
                    "unknown list #\(id): no `list \(id)` block in the rules folder\(Identifiers.didYouMean(id, among: listIndex.keys))"
                )
                return -1
            }
            atomsOfLeaf = document.lists[index].terms.compactMap {
                if case .text(let elements) = $0.kind { return literalAtom(elements) }
                return nil
            }
            namesEntities = false
        case .entity(let id):
            key = "entity:\(id)"
            if let existing = leafIndex[key] { return existing }
            guard let index = entityIndex[id] else {
                report(
                    term.location,
                    "unknown entity @\(id): no entity has this id\(Identifiers.didYouMean(id, among: entityIndex.keys))"
                )
                return -1
            }
            atomsOfLeaf = [Int32(index)]
        case .tag(let tag):
            key = "tag:\(tag)"
            if let existing = leafIndex[key] { return existing }
            guard tags.contains(tag) else {
                report(
                    term.location,
                    "unknown tag @tag:\(tag): no entity has this tag\(Identifiers.didYouMean(tag, among: tags))"
                )
                return -1
            }
            atomsOfLeaf = entities.indices.filter { entities[$0].summary.tags.contains(tag) }.map {
                Int32($0)
            }
        case .kind(let kindName):
            key = "kind:\(kindName)"
            if let existing = leafIndex[key] { return existing }
            guard let kind = EntityKind(rawValue: kindName) else {
                let kinds = EntityKind.allCases.map(\.rawValue)
                report(
                    term.location,
                    "unknown kind @kind:\(kindName): the kinds are \(kinds.joined(separator: ", "))\(Identifiers.didYouMean(kindName, among: kinds))"
                )
                return -1
            }
            atomsOfLeaf = entities.indices.filter { entities[$0].summary.kind == kind }.map {
                Int32($0)
            }
        }
        let index = Int32(leaves.count)
        leaves.append(
            CompiledLeaf(label: term.written, atoms: atomsOfLeaf, namesEntities: namesEntities))
        leafIndex[key] = index
        return index
    }
}

/// An entity with the token sequences its names generate.
struct CompiledEntity: Sendable {
    var summary: EntitySummary
    var variants: [[TextPatternElement]]
}

/// A unit the matcher finds: an entity (all its variants) or one word/phrase pattern.
struct MatcherAtom: Sendable {
    /// The entity's index, or -1 for a literal.
    var entity: Int32
    var sequences: [[TextPatternElement]]
}
