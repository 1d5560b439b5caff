import Foundation

/// The HTTP and health state of one feed between polls.
public struct FeedState: Sendable, Equatable {
    public var name: String
    /// The address polled; updated when a permanent redirect moves the feed.
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    public var nextPoll: Date?
    public var consecutiveFailures: Int
    public var itemCount: Int
    /// Where a permanent redirect pointed the feed, for `feedwatch feeds` to show.
    public var movedTo: String?
    /// The earliest time the server allowed the next request (429/503 Retry-After).
    public var retryAfter: Date?
    /// When a poll last brought a new or changed item: "silent for too long" counts from here.
    public var lastNewItem: Date?
    /// Bytes of the last response body.
    public var lastBytes: Int?
    /// Seconds the last transfer took.
    public var lastDuration: TimeInterval?
    /// Since when a feed-health alert is raised and not yet recovered; nil while healthy.
    public var healthAlertSince: Date?
    /// When the current run of failures began; nil while the feed works.
    public var failingSince: Date?

    public init(
        name: String, url: String, etag: String? = nil, lastModified: String? = nil,
        lastStatus: Int? = nil, lastError: String? = nil, lastSuccess: Date? = nil,
        lastAttempt: Date? = nil, nextPoll: Date? = nil, consecutiveFailures: Int = 0,
        itemCount: Int = 0, movedTo: String? = nil, retryAfter: Date? = nil,
        lastNewItem: Date? = nil, lastBytes: Int? = nil, lastDuration: TimeInterval? = nil,
        healthAlertSince: Date? = nil, failingSince: Date? = nil
    ) {
        self.name = name
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.nextPoll = nextPoll
        self.consecutiveFailures = consecutiveFailures
        self.itemCount = itemCount
        self.movedTo = movedTo
        self.retryAfter = retryAfter
        self.lastNewItem = lastNewItem
        self.lastBytes = lastBytes
        self.lastDuration = lastDuration
        self.healthAlertSince = healthAlertSince
        self.failingSince = failingSince
    }
}
