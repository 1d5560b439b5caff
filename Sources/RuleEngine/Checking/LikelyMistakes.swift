import FeedModel

/// Finds what is legal in a rules folder but most likely not what the analyst
/// meant: rules that can never fire, feed filters no feed passes, names too
/// short to stand alone, wildcards that catch unrelated words, entities no
/// rule uses. Lowercase operators are found while parsing (`LowercaseOperators`).
///
/// Every check is decided from the text alone (and feeds.conf's feeds, when
/// known), so a warning is never a guess about the news.
struct LikelyMistakes {
    /// Fewer letters than this in a name or alias on its own is a word that
    /// turns up everywhere (`IS`, `AQ`).
    static let minimumAliasLetters = 3
    /// A wildcard needs at least this many letters before its `*` to stay on
    /// one word family (`war*` catches `warm`, `warn`, `ward`, `warrant`).
    static let comfortablePrefixLength = 4

    private let document: RulesDocument
    private let spelling: SpellingClasses
    private let feeds: [FeedContext]?
    private let sourceLines: [String: [Substring]]
    private(set) var warnings: [RulesWarning] = []

    /// The warnings of `document` (in file order), its sources for the carets;
    /// `feeds` are feeds.conf's feeds, nil when unknown (no feed checks then).
    static func find(
        in document: RulesDocument, sources: [String: String], feeds: [FeedContext]?
    ) -> [RulesWarning] {
        var checker = LikelyMistakes(document: document, sources: sources, feeds: feeds)
        checker.warnings = document.warnings
        checker.checkRules()
        checker.checkNames()
        checker.checkWildcards()
        checker.checkUnusedEntities()
        return checker.warnings.sorted {
            ($0.problem.file, $0.problem.line, $0.problem.column)
                < ($1.problem.file, $1.problem.line, $1.problem.column)
        }
    }

    private init(document: RulesDocument, sources: [String: String], feeds: [FeedContext]?) {
        self.document = document
        self.spelling = SpellingClasses(extra: document.equivalents.map { $0.words.map(\.value) })
        self.feeds = feeds
        self.sourceLines = sources.mapValues {
            $0.split(separator: "\n", omittingEmptySubsequences: false)
        }
    }

    private mutating func warn(
        _ kind: RulesWarning.Kind, _ location: SourceLocation, _ message: String
    ) {
        var line: String?
        if let lines = sourceLines[location.file], location.line >= 1,
            location.line <= lines.count
        {
            var text = String(lines[location.line - 1])
            if text.hasSuffix("\r") { text.removeLast() }
            line = text
        }
        warnings.append(RulesWarning(kind, RulesProblem(location, message, sourceLine: line)))
    }

    // MARK: Rules that can never fire

    private mutating func checkRules() {
        for rule in document.rules where rule.isComplete {
            guard let match = rule.match else { continue }
            let shape = QueryShape(spelling: spelling)
            if let impossible = shape.impossibility(of: match, fields: .all) {
                warn(
                    .neverFires, impossible.location,
                    "the rule \(rule.id.value) can never fire: \(impossible.reason)")
                continue
            }
            let required = shape.requiredTerms(of: match, fields: .all)
            for (index, exception) in rule.unless.enumerated()
            where shape.alwaysHolds(exception, fields: .all, given: required) {
                let written = index < rule.unlessWritten.count ? rule.unlessWritten[index] : ""
                warn(
                    .neverFires, exception.terms.first?.location ?? rule.location,
                    "the rule \(rule.id.value) can never fire: every item its match accepts also "
                        + "holds `unless \(written)`, which vetoes it")
            }
            checkFeedFilters(rule)
        }
    }

    /// A `feeds` filter that no feed of feeds.conf passes: a tag no feed has,
    /// a name no feed has; when none of a rule's filters passes, the rule is dead.
    private mutating func checkFeedFilters(_ rule: RuleDeclaration) {
        guard let feeds, !rule.feeds.isEmpty else { return }
        let passing = rule.feeds.filter { filter in
            feeds.contains { feed in
                switch filter {
                case .tag(let tag): feed.tags.contains(tag)
                case .name(let name): feed.name == name
                }
            }
        }
        let dead = passing.isEmpty
        for (index, filter) in rule.feeds.enumerated() where !passing.contains(filter) {
            let location =
                index < rule.feedLocations.count ? rule.feedLocations[index] : rule.location
            let what: String
            switch filter {
            case .tag(let tag):
                let known = Set(feeds.flatMap(\.tags)).sorted()
                what =
                    "no feed in feeds.conf has the tag \(tag)"
                    + (known.isEmpty
                        ? " (no feed has tags)"
                        : " (the tags are \(known.joined(separator: ", ")))")
                    + Identifiers.didYouMean(tag, among: known)
            case .name(let name):
                let known = feeds.map(\.name)
                what =
                    "no feed in feeds.conf is called \(name)"
                    + Identifiers.didYouMean(name, among: known)
            }
            warn(
                dead ? .neverFires : .unknownFeed, location,
                dead
                    ? "the rule \(rule.id.value) can never fire: \(what), and no other filter of its feeds line passes a feed"
                    : "\(what): this filter passes no feed")
        }
    }

    // MARK: Names, wildcards, entities

    /// Names and aliases of fewer than three letters, standing alone.
    private mutating func checkNames() {
        for entity in document.entities {
            for name in [entity.name] + entity.aliases {
                let tokens = Normalizer.tokens(of: name.value)
                // Characters of scripts without spaces are words of their own, not letters.
                guard !tokens.contains(where: \.isSpaceless),
                    !name.value.contains("*")
                else { continue }
                let letters = tokens.reduce(0) { $0 + $1.text.count }
                guard letters < Self.minimumAliasLetters else { continue }
                let word = tokens.map(\.text).joined()
                warn(
                    .shortAlias, name.location,
                    "\"\(name.value)\" has only \(Counted.phrase(letters, "letter")): on its own it "
                        + "matches the word \"\(word)\" in any text; give it context "
                        + "(a longer form, or a phrase with the words around it) or leave it out")
            }
        }
    }

    /// Wildcards with three letters before the `*` (fewer are errors).
    private mutating func checkWildcards() {
        var terms: [QueryTerm] = document.lists.flatMap(\.terms)
        terms += document.rules.flatMap(\.terms)
        for term in terms {
            guard case .text(let elements) = term.kind else { continue }
            warnBroadPrefixes(elements, written: term.written, at: term.location)
        }
        for entity in document.entities {
            for name in [entity.name] + entity.aliases {
                guard case .success(let elements) = TextPatternParser.elements(of: name.value)
                else { continue }
                warnBroadPrefixes(elements, written: "\"\(name.value)\"", at: name.location)
            }
        }
    }

    private mutating func warnBroadPrefixes(
        _ elements: [TextPatternElement], written: String, at location: SourceLocation
    ) {
        for case .prefix(let prefix) in elements where prefix.count < Self.comfortablePrefixLength {
            warn(
                .broadWildcard, location,
                "\(prefix)* in \(written) catches every word that starts with \"\(prefix)\", "
                    + "not only the ones meant: spell the words out, or give the * "
                    + "\(Self.comfortablePrefixLength) letters or more")
        }
    }

    /// Entities that no `match` or `unless` names, by id, tag or kind.
    private mutating func checkUnusedEntities() {
        var ids: Set<String> = []
        var tags: Set<String> = []
        var kinds: Set<String> = []
        for term in document.rules.flatMap(\.terms) {
            switch term.kind {
            case .entity(let id): ids.insert(id)
            case .tag(let tag): tags.insert(tag)
            case .kind(let kind): kinds.insert(kind)
            case .text, .list: break
            }
        }
        for entity in document.entities {
            let used =
                ids.contains(entity.id.value) || kinds.contains(entity.kind.rawValue)
                || entity.tags.contains { tags.contains($0.value) }
            guard !used else { continue }
            let tagNote =
                entity.tags.isEmpty
                ? ""
                : ", one of its tags (\(entity.tags.map { "@tag:\($0.value)" }.joined(separator: ", ")))"
            warn(
                .unusedEntity, entity.name.location,
                "no rule uses the entity \(entity.id.value): no match or unless names "
                    + "@\(entity.id.value)\(tagNote) or @kind:\(entity.kind.rawValue)")
        }
    }
}
