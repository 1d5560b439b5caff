import Foundation

/// Where one alert sits in the alert log, with the fields the review commands filter on.
public struct AlertIndexEntry: Sendable, Equatable {
    /// The alert's stable id.
    public var alertID: String
    public var time: Date
    public var rule: String
    /// The severity's name, as the alert record writes it.
    public var severity: String
    /// The severity's place in order (info 0 … critical 4): filters compare this.
    public var severityRank: Int
    public var feed: String
    public var story: String?
    public var title: String?
    /// The log file holding the record (rotation moves alerts between files).
    public var logFile: String
    /// Where the record's line starts in `logFile`.
    public var byteOffset: Int64
    /// Ids of the watchlisted entities the alert names.
    public var entities: [String]
    /// What `--grep` searches (title, snippet, matched text), lower-cased. It
    /// goes into the full-text index and is not read back: entries a query
    /// returns have it empty.
    public var searchText: String
    /// What the record is: `alert`, `report` (a firing folded into a story
    /// the rule already alerted on), `escalation`, `feed-health`.
    public var kind: String
    /// The id of the item the alert was raised on, within its feed (nil in
    /// entries indexed before it was kept: `alerts reindex` fills it in).
    public var itemID: String?
    /// When the item says it was published, if it does.
    public var published: Date?

    public init(
        alertID: String, time: Date, rule: String, severity: String, severityRank: Int,
        feed: String,
        story: String? = nil, title: String? = nil, logFile: String, byteOffset: Int64,
        entities: [String] = [], searchText: String = "", kind: String = "alert",
        itemID: String? = nil, published: Date? = nil
    ) {
        self.itemID = itemID
        self.published = published
        self.kind = kind
        self.alertID = alertID
        self.time = time
        self.rule = rule
        self.severity = severity
        self.severityRank = severityRank
        self.feed = feed
        self.story = story
        self.title = title
        self.logFile = logFile
        self.byteOffset = byteOffset
        self.entities = entities
        self.searchText = searchText
    }
}
