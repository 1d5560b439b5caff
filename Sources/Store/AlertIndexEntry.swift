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

    public init(
        alertID: String, time: Date, rule: String, severity: String, severityRank: Int,
        feed: String,
        story: String? = nil, title: String? = nil, logFile: String, byteOffset: Int64,
        entities: [String] = [], searchText: String = ""
    ) {
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

/// Which alerts a review asks for; nil fields do not filter. Results come newest first.
public struct AlertIndexFilter: Sendable, Equatable {
    /// Alerts at or after this time.
    public var since: Date?
    /// Alerts before this time.
    public var until: Date?
    public var rule: String?
    /// Alerts of at least this severity rank.
    public var minimumSeverityRank: Int?
    /// Alerts of exactly this severity rank.
    public var severityRank: Int?
    public var feed: String?
    public var story: String?
    /// Alerts naming this entity id.
    public var entity: String?
    /// Alerts whose title, snippet or matched text contains this, in any case.
    public var text: String?
    /// Alerts whose id starts with this.
    public var idPrefix: String?
    /// At most this many alerts (the newest).
    public var limit: Int?

    public init(
        since: Date? = nil, until: Date? = nil, rule: String? = nil,
        minimumSeverityRank: Int? = nil, severityRank: Int? = nil,
        feed: String? = nil, story: String? = nil, entity: String? = nil, text: String? = nil,
        idPrefix: String? = nil, limit: Int? = nil
    ) {
        self.since = since
        self.until = until
        self.rule = rule
        self.minimumSeverityRank = minimumSeverityRank
        self.severityRank = severityRank
        self.feed = feed
        self.story = story
        self.entity = entity
        self.text = text
        self.idPrefix = idPrefix
        self.limit = limit
    }
}
