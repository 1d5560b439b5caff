import Foundation

/// How one fetch ended, with what the monitor records for the feed's health.
public struct FetchResult: Sendable {
    public var request: FeedRequest
    public var outcome: FetchOutcome
    /// Seconds from the transfer's start (not its time in the queue) to its end.
    public var elapsed: TimeInterval
    /// The last HTTP status received, nil when no response arrived (or for file://).
    public var status: Int?
    /// Body bytes received (after decompression), also for failed fetches.
    public var bytesReceived: Int
    /// The last URL requested, after redirects (nil for file:// and refused URLs).
    public var effectiveURL: URL?

    public init(
        request: FeedRequest, outcome: FetchOutcome, elapsed: TimeInterval = 0, status: Int? = nil,
        bytesReceived: Int = 0, effectiveURL: URL? = nil
    ) {
        self.request = request
        self.outcome = outcome
        self.elapsed = elapsed
        self.status = status
        self.bytesReceived = bytesReceived
        self.effectiveURL = effectiveURL
    }
}
