import FeedModel

/// One rule firing on one item, with the evidence.
public struct RuleHit: Sendable, Equatable {
    public var rule: String
    public var title: String
    public var severity: Severity
    /// Every term that matched, where and as written in the item.
    public var matches: [TermMatch]
    /// Ids of the watchlisted entities among the matches.
    public var entities: [String]
    /// Sink names; `log` is the alert log.
    public var notify: [String]
    /// Alert on every report of a story rather than once.
    public var notifyEach: Bool
    /// The evidence reached `RuleHit.evidenceLimit` stretches of text for one
    /// part of the rule: `matches` is the first of more (`entities` still
    /// lists every entity of the rule's terms that the item names).
    public var evidenceTruncated: Bool

    /// How many stretches of evidence one part of a rule keeps.
    public static let evidenceLimit = QueryEvaluator.maximumWitnesses

    public init(
        rule: String, title: String, severity: Severity, matches: [TermMatch], entities: [String],
        notify: [String], notifyEach: Bool, evidenceTruncated: Bool = false
    ) {
        self.rule = rule
        self.title = title
        self.severity = severity
        self.matches = matches
        self.entities = entities
        self.notify = notify
        self.notifyEach = notifyEach
        self.evidenceTruncated = evidenceTruncated
    }
}

/// A term of a query that matched: the term as the rule wrote it, the field,
/// and the matched text as it stood in the item.
///
/// Terms read as follows: a word or phrase as the rule wrote it (`obituary`,
/// `"suicide bomb*"`); a keyword list as `#attack`; an entity as `@khalil-haqqani`,
/// also when the rule selected it through `@tag:` or `@kind:`, because the analyst
/// wants to know *who* matched.
public struct TermMatch: Sendable, Equatable, Hashable, Codable {
    public var term: String
    public var field: TextField
    public var text: String

    public init(term: String, field: TextField, text: String) {
        self.term = term
        self.field = field
        self.text = text
    }
}
