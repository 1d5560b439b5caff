import Foundation

/// How monitors sharing one state divide the feeds: each claims the feeds due
/// for a poll with a lease, and a feed leased to one is skipped by the others.
/// A lease expires, so that the feeds of a monitor that died are taken over
/// once it runs out; a monitor that polled a feed releases it with the state
/// that sets its next poll.
///
/// A state that serves one monitor alone (SQLite, locked) has no need of it.
public protocol FeedLeaseStore: Sendable {
    /// Leases to `holder`, until `now + duration`, at most `limit` of `feeds`
    /// that are due at `now` (never polled, or their next poll has come) and
    /// not leased to anyone whose lease runs past `now`; the feeds whose next
    /// poll came first are claimed first. Returns the names claimed.
    func claimDueFeeds(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [String]

    /// Leases to `holder`, until `now + duration`, at most `limit` of `feeds`
    /// not leased to anyone whose lease runs past `now`, due or not (`poll
    /// --all`); the feeds whose next poll comes first are claimed first.
    func claimFeeds(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [String]

    /// Extends `holder`'s leases on `feeds` to `now + duration`, while their
    /// turns take longer than one lease; returns the feeds whose lease it
    /// still held (one it lost, having let it run out, is not taken back).
    func renewFeedLeases(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval
    ) throws(StoreError) -> [String]

    /// Ends `holder`'s leases on `feeds` (leases held by another are left alone).
    func releaseFeeds(_ feeds: [String], holder: String) throws(StoreError)
}
