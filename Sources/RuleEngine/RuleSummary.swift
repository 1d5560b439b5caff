/// A rule's identity, for listings.
public struct RuleSummary: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var severity: Severity
    /// The `match` query as written.
    public var match: String = ""
    /// The `unless` queries as written.
    public var unless: [String] = []
    /// Feed names and `tag:…` filters; empty means every feed.
    public var feeds: [String] = []
    public var notify: [String] = ["log"]
    public var notifyEach: Bool = false
    /// When a story the rule alerted on spreads enough to raise an escalation.
    public var escalation: Escalation?
}

/// A watchlisted entity, for listings.
public struct EntitySummary: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var kind: EntityKind
    public var aliases: [String]
    public var tags: [String]
    /// How many distinct token sequences the name and aliases generate.
    public var variantCount: Int
}

/// A keyword list, for listings.
public struct ListSummary: Sendable, Equatable, Codable {
    public var id: String
    public var terms: [String]
}

/// What an entity is.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    case person, group, place, org, other
}
