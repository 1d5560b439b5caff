import Foundation

/// Which alerts a review asks for; nil fields do not filter. Results come
/// newest first, unless `oldestFirst`.
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
    /// Records of this kind only.
    public var kind: String?
    /// Records of any kind but this one (`report`: the folded firings, which
    /// `alerts` leaves out unless asked).
    public var excludedKind: String?
    /// Alerts whose id starts with this.
    public var idPrefix: String?
    /// Records of any of these kinds (all kinds when empty).
    public var kinds: [String] = []
    /// Alerts of none of these rules.
    public var excludedRules: [String] = []
    /// Alerts from none of these feeds.
    public var excludedFeeds: [String] = []
    /// Alerts naming none of these entity ids.
    public var excludedEntities: [String] = []
    /// Only acknowledged alerts (true) or only those not acknowledged (false).
    public var acknowledged: Bool?
    /// At most this many alerts (the newest, or the oldest when `oldestFirst`).
    public var limit: Int?
    /// Results oldest first (by time, then in index order), for reading the
    /// whole record forward (`alerts export`).
    public var oldestFirst = false

    public init(
        since: Date? = nil, until: Date? = nil, rule: String? = nil,
        minimumSeverityRank: Int? = nil, severityRank: Int? = nil,
        feed: String? = nil, story: String? = nil, entity: String? = nil, text: String? = nil,
        idPrefix: String? = nil, excludedKind: String? = nil, limit: Int? = nil
    ) {
        self.excludedKind = excludedKind
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
