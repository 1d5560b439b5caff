import Configuration
import FeedFetcher
import FeedModel
import Foundation
import HTTPTransport
import Store

/// When each feed is next due.
enum PollSchedule {
    /// The longest a failing feed waits between attempts: a dead feed is
    /// still tried a few times a day, so it recovers by itself.
    static let maximumBackoff: TimeInterval = 6 * 3600

    /// The feed's own interval: the configured one, or the publisher's
    /// `<ttl>`/`sy:updatePeriod` when that asks for longer.
    static func interval(
        for feed: FeedConfiguration, settings: MonitorSection, suggested: TimeInterval?
    ) -> TimeInterval {
        let configured = feed.interval ?? settings.interval
        return max(configured, suggested ?? 0)
    }

    /// After a success: one interval from now, nudged by a stable per-feed
    /// offset (up to 10% of it) so that feeds added together do not all
    /// fire in the same second forever after.
    static func nextPoll(after now: Date, interval: TimeInterval, feedName: String) -> Date {
        let spread = Double(StableHash.hex128(of: [feedName]).prefix(4).hexValue % 1000) / 1000
        return now.addingTimeInterval(interval + interval * 0.1 * spread)
    }

    /// After a failure: exponential backoff from the interval, with jitter,
    /// capped, or the server's Retry-After when it asks for longer.
    static func retry(
        after now: Date, interval: TimeInterval, failures: Int, retryAfter: TimeInterval?
    ) -> Date {
        let backoff = Backoff(baseInterval: interval, maxInterval: max(interval, maximumBackoff))
        var generator = SystemRandomNumberGenerator()
        return now.addingTimeInterval(
            backoff.delay(failures: failures, retryAfter: retryAfter, using: &generator))
    }

    /// Whether a feed should be polled now.
    static func isDue(_ state: FeedState?, now: Date) -> Bool {
        guard let nextPoll = state?.nextPoll else { return true }
        return nextPoll <= now
    }
}

extension Substring {
    fileprivate var hexValue: Int { Int(self, radix: 16) ?? 0 }
}
