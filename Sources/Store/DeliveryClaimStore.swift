import Foundation

/// How senders sharing one outbox divide it: a sender claims a sink's
/// pending deliveries before sending them, and a delivery claimed by one is
/// sent by no other. A claim expires, so that the deliveries of a sender
/// that died are sent by another once it runs out; only the holder records
/// an attempt on a delivery it claimed.
///
/// A sink's queue is claimed by one sender at a time, from its head, so a
/// sink still gets its deliveries in the order they were queued.
///
/// A state that serves one monitor alone (SQLite, locked) has no need of it:
/// its dispatcher reads the outbox as it is.
public protocol DeliveryClaimStore: Sendable {
    /// Claims for `holder`, until `now + duration`, the first `limit` pending
    /// deliveries of `sink` in queue order, due or not (one waiting for its
    /// retry holds back the later ones). Returns none while another holder's
    /// claim on the sink runs past `now`. Deliveries `holder` already claims
    /// are claimed again.
    func claimPendingDeliveries(
        sink: String, holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [OutboxDelivery]

    /// Claims for `holder` the pending deliveries of one alert that nobody
    /// else claims past `now` (`feedwatch alerts redeliver` sends them at once).
    func claimPendingDeliveries(
        alertID: String, holder: String, now: Date, duration: TimeInterval
    ) throws(StoreError) -> [OutboxDelivery]

    /// Records a successful attempt on a delivery `holder` claims.
    func markDelivered(id: Int64, holder: String, at time: Date) throws(StoreError)

    /// Records a failed attempt on a delivery `holder` claims; it stays
    /// pending, unclaimed, until `nextAttempt`.
    func markFailed(id: Int64, holder: String, nextAttempt: Date, error: String)
        throws(StoreError)

    /// Records a final, failed attempt on a delivery `holder` claims.
    func markDead(id: Int64, holder: String, reason: String, at time: Date) throws(StoreError)

    /// Ends `holder`'s claims on the deliveries `ids` still pending (claims
    /// of others are left alone): the ones a turn did not get to.
    func releaseDeliveries(_ ids: [Int64], holder: String) throws(StoreError)
}
