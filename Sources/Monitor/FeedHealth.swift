import Configuration
import FeedModel
import Foundation
import Store

/// How a feed is doing, as `feedwatch feeds` shows it.
public struct FeedHealth: Sendable, Equatable, Codable {
    /// The one-word verdict.
    public enum Status: String, Sendable, Codable {
        /// Never polled yet.
        case new
        case ok
        /// The last poll failed; it is backing off.
        case failing
        /// Failing or silent for longer than `stale-after`.
        case dark
        /// A permanent redirect moved it: feeds.conf should be updated.
        case moved
    }

    public var name: String
    public var url: String
    public var status: Status
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var lastNewItem: Date?
    public var items: Int
    public var failures: Int
    /// When the current run of failures began.
    public var failingSince: Date?
    public var nextPoll: Date?
    public var movedTo: String?

    /// snake_case, as every JSON feedwatch writes (`feeds --json`).
    enum CodingKeys: String, CodingKey {
        case name, url, status, items, failures
        case lastSuccess = "last_success", lastAttempt = "last_attempt"
        case lastStatus = "last_status", lastError = "last_error"
        case lastNewItem = "last_new_item", failingSince = "failing_since"
        case nextPoll = "next_poll", movedTo = "moved_to"
    }

    /// The health of every configured feed, in configuration order.
    public static func report(
        configuration: ConfigurationFile, states: [FeedState], now: Date = Date()
    ) -> [FeedHealth] {
        let byName = Dictionary(
            states.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return configuration.feeds.map { feed in
            let state = byName[feed.name].flatMap { $0.url == feed.url.absoluteString ? $0 : nil }
            return FeedHealth(
                feed: feed, state: state, staleAfter: configuration.settings.staleAfter, now: now)
        }
    }

    init(feed: FeedConfiguration, state: FeedState?, staleAfter: TimeInterval, now: Date) {
        name = feed.name
        // Shown in `feeds`, its JSON and feed-health alerts: never a credential.
        url = ShownURL.text(feed.url)
        lastSuccess = state?.lastSuccess
        lastAttempt = state?.lastAttempt
        lastStatus = state?.lastStatus
        // An older version kept errors with the URL as configured.
        lastError = state?.lastError.map(ShownURL.redactingURLs(in:))
        lastNewItem = state?.lastNewItem
        items = state?.itemCount ?? 0
        failures = state?.consecutiveFailures ?? 0
        failingSince = state?.failingSince
        nextPoll = state?.nextPoll
        movedTo = state?.movedTo.map(ShownURL.text)
        status = Self.status(of: state, staleAfter: staleAfter, now: now)
    }

    private static func status(of state: FeedState?, staleAfter: TimeInterval, now: Date) -> Status
    {
        guard let state, state.lastAttempt != nil else { return .new }
        if state.consecutiveFailures > 0 {
            let since = state.failingSince ?? state.lastAttempt ?? now
            return now.timeIntervalSince(since) > staleAfter ? .dark : .failing
        }
        if state.movedTo != nil { return .moved }
        if let lastNew = state.lastNewItem ?? state.lastSuccess,
            now.timeIntervalSince(lastNew) > staleAfter
        {
            return .dark
        }
        return .ok
    }
}
