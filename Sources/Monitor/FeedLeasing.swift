import Configuration
import Foundation
import Store

/// This monitor's share of the feeds of a state that a fleet of monitors
/// shares (`FeedLeaseStore`): a feed is fetched only once claimed here, its
/// lease renewed while its turn runs, and released with the commit that sets
/// its next poll; a feed leased to another monitor is skipped, not waited for.
///
/// A lease lasts twice the longest transfer (and at least `minimumMargin`
/// longer), so a monitor that died holds its feeds no longer than that; a
/// live one renews its leases well before they run out (`renewIfDue`, called
/// at each result and housekeeping).
///
/// `@unchecked Sendable`: `held` and `lastRenewal` are only touched with `lock` held.
final class FeedLeasing: @unchecked Sendable {
    /// The least a lease adds to the longest transfer: time to parse, match
    /// and commit a feed, and for the renewal to come round.
    static let minimumMargin: TimeInterval = 5

    let store: any FeedLeaseStore
    /// Who holds the leases, in the state: host, process and a random part,
    /// so that a restarted process on the same host is another holder.
    let holder: String
    /// How long a lease lasts unless renewed.
    let duration: TimeInterval
    private let lock = NSLock()
    private var held: Set<String> = []
    private var lastRenewal = Date.distantPast

    /// Nil for a state that one monitor keeps alone (an SQLite file).
    init?(store: any StateStore, configuration: ConfigurationFile) {
        guard let leases = store as? any FeedLeaseStore else { return nil }
        self.store = leases
        holder = Self.holderName()
        let longest = Self.longestTimeout(configuration)
        duration = longest + max(longest, Self.minimumMargin)
    }

    /// `host:pid:random`.
    static func holderName() -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(random)"
    }

    /// The longest a transfer may take: `[monitor] timeout`, or a feed's own when longer.
    static func longestTimeout(_ configuration: ConfigurationFile) -> TimeInterval {
        configuration.feeds.compactMap(\.settings.timeout).reduce(
            configuration.settings.timeout, max)
    }

    /// Claims at most `limit` of `feeds` that are due (any, with `all`) and not
    /// leased to another live monitor.
    func claim(_ feeds: [String], now: Date, limit: Int, all: Bool = false) throws(StoreError)
        -> [String]
    {
        let claimed =
            all
            ? try store.claimFeeds(
                feeds, holder: holder, now: now, duration: duration, limit: limit)
            : try store.claimDueFeeds(
                feeds, holder: holder, now: now, duration: duration, limit: limit)
        lock.withLock {
            // Leases claimed when none were held set the renewals' clock going.
            if held.isEmpty { lastRenewal = now }
            held.formUnion(claimed)
        }
        return claimed
    }

    /// Ends the leases of `feeds`, whose turns are committed (or were never run).
    func release(_ feeds: [String]) throws(StoreError) {
        guard !feeds.isEmpty else { return }
        lock.withLock { held.subtract(feeds) }
        try store.releaseFeeds(feeds, holder: holder)
    }

    /// Renews the leases held, once a quarter of a lease has passed since the
    /// last renewal; a lease found lost is dropped (its feed's commit goes on:
    /// its items and alerts are keyed, and stored once whoever commits them).
    func renewIfDue(now: Date) throws(StoreError) {
        let feeds: [String]? = lock.withLock {
            guard !held.isEmpty, now >= lastRenewal.addingTimeInterval(duration / 4) else {
                return nil
            }
            lastRenewal = now
            return Array(held)
        }
        guard let feeds else { return }
        let kept = try store.renewFeedLeases(
            feeds, holder: holder, now: now, duration: duration)
        if kept.count < feeds.count {
            let lost = Set(feeds).subtracting(kept)
            lock.withLock { held.subtract(lost) }
        }
    }
}
