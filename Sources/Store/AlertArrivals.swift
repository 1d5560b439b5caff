import Foundation

/// Alerts as other processes commit them, told by the store itself, for
/// `alerts follow` over a state that several monitors share: the follower
/// wakes when a commit lands instead of tailing one host's log.
///
/// A store that offers it (the PostgreSQL one, through LISTEN/NOTIFY) tells
/// of each alert once its commit is visible; a store that does not leaves
/// the follower to read the local log.
public protocol AlertArrivals: Sendable {
    /// Starts listening: alerts committed from now on are told by `arrivedAlerts`.
    /// Call it before reading what is there already, so that nothing falls between.
    func listenForAlerts() throws(StoreError)

    /// The index entries of the alerts committed since listening began or
    /// since the last call, in the order their commits landed; waits up to
    /// `timeout` seconds when there are none yet, and returns empty if none come.
    func arrivedAlerts(waitingUpTo timeout: TimeInterval) throws(StoreError) -> [AlertIndexEntry]
}
