import FeedModel
import Foundation
import RuleEngine

/// One alert: a rule that fired on an item, as written to the alert log
/// (one JSON object per line) and sent to webhooks.
public struct Alert: Sendable, Equatable, Codable {
    /// Stable: the same rule on the same item of the same feed gives the same id,
    /// so a restart or a replayed pass never alerts twice.
    public var id: String
    /// What the record is: `alert`, `report` (folded), `escalation`, `feed-health`.
    public var kind: AlertKind
    public var time: Date
    public var rule: String
    public var severity: Severity
    public var feed: String
    public var item: AlertItem
    public var matches: [TermMatch]
    public var entities: [String]
    /// The text around the first match, for a reader skimming the log.
    public var snippet: String
    /// The id of the story this report belongs to (reports of one incident share it).
    public var story: String
    /// How many feeds carried the story when the record was written.
    public var sources: Int
    /// What the record leaves out of its item and evidence; nil (and absent
    /// from the line) when it leaves out nothing.
    public var truncated: AlertTruncation?
    /// A mute held the alert back from its sinks (`feedwatch mute`); written only when true.
    public var muted: Bool = false

    public init(
        id: String, kind: AlertKind = .alert, time: Date, rule: String, severity: Severity,
        feed: String, item: AlertItem, matches: [TermMatch], entities: [String], snippet: String,
        story: String, sources: Int, truncated: AlertTruncation? = nil
    ) {
        self.id = id
        self.kind = kind
        self.time = time
        self.rule = rule
        self.severity = severity
        self.feed = feed
        self.item = item
        self.matches = matches
        self.entities = entities
        self.snippet = snippet
        self.story = story
        self.sources = sources
        self.truncated = truncated
    }
}

extension Alert {
    enum CodingKeys: String, CodingKey {
        case id, kind, time, rule, severity, feed, item, matches, entities, snippet, story, sources
        case truncated, muted
    }

    /// Records written before alerts had a kind read as `alert`, or
    /// `feed-health` for the feed-health rule's.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        time = try container.decode(Date.self, forKey: .time)
        rule = try container.decode(String.self, forKey: .rule)
        kind =
            try container.decodeIfPresent(AlertKind.self, forKey: .kind)
            ?? (rule == "feed-health" ? .feedHealth : .alert)
        severity = try container.decode(Severity.self, forKey: .severity)
        feed = try container.decode(String.self, forKey: .feed)
        item = try container.decode(AlertItem.self, forKey: .item)
        matches = try container.decode([TermMatch].self, forKey: .matches)
        entities = try container.decode([String].self, forKey: .entities)
        snippet = try container.decode(String.self, forKey: .snippet)
        story = try container.decode(String.self, forKey: .story)
        sources = try container.decode(Int.self, forKey: .sources)
        truncated = try container.decodeIfPresent(AlertTruncation.self, forKey: .truncated)
        muted = try container.decodeIfPresent(Bool.self, forKey: .muted) ?? false
    }

    /// Every line has the same fields, but `truncated`, written only on the
    /// records that leave something out, and `muted`, written only on the
    /// alerts a mute held back, so that the usual line stays as it was.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(time, forKey: .time)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(feed, forKey: .feed)
        try container.encode(item, forKey: .item)
        try container.encode(matches, forKey: .matches)
        try container.encode(entities, forKey: .entities)
        try container.encode(snippet, forKey: .snippet)
        try container.encode(story, forKey: .story)
        try container.encode(sources, forKey: .sources)
        try container.encodeIfPresent(truncated, forKey: .truncated)
        if muted { try container.encode(true, forKey: .muted) }
    }
}

/// What an alert keeps of its item.
public struct AlertItem: Sendable, Equatable, Codable {
    public var id: String
    public var title: String?
    public var link: String?
    public var published: Date?

    public init(id: String, title: String?, link: String?, published: Date?) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
    }

    enum CodingKeys: String, CodingKey { case id, title, link, published }

    // Absent values are written as `null`, not left out, so that every line
    // of the log has the same shape for `jq` and spreadsheets.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(link, forKey: .link)
        try container.encode(published, forKey: .published)
    }
}
