// The rule engine: the `rules/` language of docs/rules.md, compiled into a matcher.
//
// Order. Every `*.rules` file of the folder is read in name order (byte order of
// the file names) into one rule set; ids are unique per kind (entity, list,
// rule) across all files. Rules fire, and are listed, in the order they are
// written. A block starts at column 1 (`entity`, `list`, `equivalent`, `rule`);
// its properties are the indented lines under it; `#` starts a comment, except
// that on `match` and `unless` lines `#name` (no space) refers to a list.
//
// Defaults (docs/rules.md lists them): an entity's kind is `other`; a rule's id is
// the slug of its title, its severity `medium`, its sinks `log`; several `unless`
// lines are several exceptions (any one vetoes the rule); `match` appears once.
// `feeds` names feeds or `tag:` filters; any one of them admits the feed.
// List terms are words or phrases, quoted or bare; their words, like those of
// entity names and aliases, may end in `*`.
//
// Matching. Text and terms go through one Normalizer (NFKC, case folding,
// diacritics and invisible characters removed, an apostrophe inside a word
// joining it; tokens are runs of letters and digits, or single characters in
// scripts written without spaces, such as Chinese and Thai). Entity names and
// aliases generate variants (AliasVariants); spelling classes
// (SpellingClasses) make spellings of one word the same token everywhere. One
// Aho-Corasick automaton over token symbols (Matcher) finds every term of every
// rule in one pass; only the rules whose terms occurred are evaluated
// (QueryEvaluator), plus those that can hold without any term (`NOT x`).
// `NEAR/n` counts the tokens strictly between the two sides, within one field
// (characters, in scripts without spaces).
//
// Evidence. A hit lists the terms that made `match` hold (for NEAR, the pairs
// within the distance): entities as `@id` (also when selected by `@tag:` or
// `@kind:`), lists as `#id`, words and phrases as written, each with its field
// and the text as it stands in the item (`TermMatch`).
//
// Bad input. Every problem of every file is collected, each with
// `file:line:column` and a message for the analyst; any problem rejects the
// whole folder (`RulesError`), so a running monitor keeps its previous rules.
// Work is bounded whatever the input: query nesting, variants per name,
// wildcard expansions and evidence spans have limits, never a crash.

import FeedModel
import Foundation

/// The rules of a `rules/` folder, compiled for matching.
public struct RuleSet: Sendable {
    public private(set) var rules: [RuleSummary] = []
    private(set) var compiled: CompiledRuleSet?

    public init() {}

    /// Loads every `*.rules` file of `directory`, in name order. `knownSinks`,
    /// when given, are the sink names a `notify` line may use besides `log`.
    public static func load(directory: URL, knownSinks: Set<String>? = nil) throws(RulesError)
        -> RuleSet
    {
        try compile(files: RulesFolder.read(directory).sources(), knownSinks: knownSinks)
    }

    /// Compiles rules given as text, `files` in the order to read them (for
    /// tests and tools; `load` reads a folder and calls this).
    public static func compile(
        files: [(name: String, source: String)], knownSinks: Set<String>? = nil
    )
        throws(RulesError) -> RuleSet
    {
        let image = try compileImage(
            files: files, knownSinks: knownSinks,
            digests: RulesDigests(program: RulesDigests.none, rules: RulesDigests.none))
        return try ruleSet(of: image, folder: files.first?.name ?? "rules")
    }

    /// The rule set of an image just compiled. Its checks cannot fail on an
    /// image this program laid out, but if they do, the rules are refused
    /// with the reason rather than matched wrongly.
    static func ruleSet(of image: TableMemory, folder: String) throws(RulesError) -> RuleSet {
        do {
            return try RuleSet(image: image)
        } catch {
            throw RulesError(problems: [
                RulesProblem(
                    file: folder, line: 0, column: 0,
                    message:
                        "the compiled rules do not hold together (\(error)): please report this")
            ])
        }
    }

    /// Compiles rules given as text into an image keyed by `digests`.
    static func compileImage(
        files: [(name: String, source: String)], knownSinks: Set<String>?, digests: RulesDigests
    ) throws(RulesError) -> TableMemory {
        try compileContents(files: files, knownSinks: knownSinks).image(
            programDigest: digests.program, rulesDigest: digests.rules)
    }

    private static func compileContents(
        files: [(name: String, source: String)], knownSinks: Set<String>?
    ) throws(RulesError) -> CompiledRulesContents {
        var document = RulesDocument()
        var problems: [RulesProblem] = []
        var sources: [String: String] = [:]
        for file in files {
            let (fileDocument, fileProblems) = RulesParser.parse(file.source, file: file.name)
            document.append(fileDocument)
            problems += fileProblems
            sources[file.name] = file.source
        }
        var compiler = RuleSetCompiler(document: document, knownSinks: knownSinks, sources: sources)
        let contents = compiler.compile()
        problems += compiler.problems
        guard problems.isEmpty, let contents else {
            throw RulesError(problems: problems.sorted(by: Self.sourceOrder))
        }
        return contents
    }

    /// The rule set of a compiled rules image (`RulesImage`), or why it cannot be used.
    init(image: TableMemory) throws(RulesImageProblem) {
        let compiled = try CompiledRuleSet(reading: RulesImageReader(image))
        self.compiled = compiled
        rules = compiled.rules.map(\.summary)
    }

    private static func sourceOrder(_ a: RulesProblem, _ b: RulesProblem) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// The rules that fire on `item` read from feed `feed`, in rule order.
    public func evaluate(_ item: Item, feed: FeedContext) -> [RuleHit] {
        guard let compiled else { return [] }
        return compiled.evaluate(Self.matchableText(of: item), feed: feed)
    }

    /// The item's plain text; a field the parser left empty falls back to the
    /// field as published, so that hand-made items match too.
    static func matchableText(of item: Item) -> ItemText {
        var text = item.text
        if text.title.isEmpty, let title = item.title { text.title = title }
        if text.summary.isEmpty, let summary = item.summary { text.summary = summary }
        if text.content.isEmpty, let content = item.content { text.content = content }
        return text
    }

    /// The watchlisted entities, in the order written (decoded from the
    /// compiled rules when asked for: matching never needs them).
    public var entities: [EntitySummary] { compiled?.listing.entities.map(\.summary) ?? [] }

    /// How many entities the watchlist holds.
    public var entityCount: Int { compiled?.entityCount ?? 0 }

    /// The keyword lists, in the order written.
    public var lists: [ListSummary] { compiled?.lists ?? [] }

    /// The token sequences generated for an entity's names and aliases, each as
    /// normalized words joined by spaces, a prefix with its `*` (`пригожин*`);
    /// nil when no entity has that id.
    public func variants(ofEntity id: String) -> [String]? {
        compiled?.listing.entities.first { $0.summary.id == id }?.variants
    }

    /// The spellings that match `word` (its spelling class), normalized.
    public func spellings(of word: String) -> [String] {
        compiled?.spellings(of: word) ?? [word]
    }

    /// The size of the matcher: distinct token sequences and automaton states.
    public var matcherSize: (patterns: Int, states: Int) {
        (compiled?.matcher.patternCount ?? 0, compiled?.matcher.stateCount ?? 0)
    }
}
