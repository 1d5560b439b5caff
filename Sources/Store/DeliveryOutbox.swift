import Foundation

/// The webhook outbox: one delivery per alert and sink, kept until delivered
/// or given up, so that an alert's webhook survives restarts and is never
/// queued twice.
///
/// The pipeline queues deliveries in the `PassCommit` that marks their items
/// seen; the dispatcher reads the queue one sink at a time and records each
/// attempt's outcome here.
public protocol DeliveryOutbox: Sendable {
    /// Queues a delivery. Returns false, changing nothing, when the same
    /// alert is already queued (or was delivered) for the same sink.
    @discardableResult
    func enqueueDelivery(_ delivery: NewDelivery) throws(StoreError) -> Bool

    /// Queues an alert again for a sink even if it was delivered or dead
    /// (`feedwatch alerts redeliver`): the same delivery goes back to pending,
    /// so the receiver sees the same idempotency key, keeping its history
    /// (the attempts made and what the last one said).
    func redeliver(_ delivery: NewDelivery) throws(StoreError)

    /// Pending deliveries whose next attempt is at or before `now`, the most
    /// overdue first, at most `limit`. Expired ones are included: the caller
    /// gives them up with `markDead` or `expireDeliveries`.
    func dueDeliveries(now: Date, limit: Int) throws(StoreError) -> [OutboxDelivery]

    /// Every delivery of one alert.
    func deliveries(alertID: String) throws(StoreError) -> [OutboxDelivery]

    /// The sinks with at least one pending delivery due at `now`, by name.
    func sinksWithDueDeliveries(now: Date) throws(StoreError) -> [String]

    /// The pending deliveries of `sink` in queue order (oldest first), due or
    /// not, at most `limit`: a delivery waiting for its retry holds back the
    /// ones queued after it.
    func pendingDeliveries(sink: String, limit: Int) throws(StoreError) -> [OutboxDelivery]

    /// Records a successful attempt.
    func markDelivered(id: Int64, at time: Date) throws(StoreError)

    /// Records a failed attempt; the delivery stays pending until `nextAttempt`.
    func markFailed(id: Int64, nextAttempt: Date, error: String) throws(StoreError)

    /// Records a final, failed attempt (a 4xx, or one made after expiry): the delivery is dead.
    func markDead(id: Int64, reason: String, at time: Date) throws(StoreError)

    /// Records why the due deliveries of `sink` were not attempted (its secret
    /// is missing), without counting an attempt: they stay pending and due.
    func noteUnsentDeliveries(sink: String, now: Date, error: String) throws(StoreError)

    /// Gives up, without another attempt, every pending delivery expired at
    /// `now`. Returns how many died.
    @discardableResult
    func expireDeliveries(now: Date) throws(StoreError) -> Int

    /// How many deliveries wait in the outbox.
    func pendingDeliveryCount() throws(StoreError) -> Int

    /// When the earliest pending delivery is due, so a scheduler knows how long it may sleep.
    func nextDeliveryTime() throws(StoreError) -> Date?

    /// Deliveries per sink and state, including sinks no longer configured.
    func deliveryCountsBySink() throws(StoreError) -> [String: DeliveryCounts]
}

extension DeliveryOutbox {
    /// At most 100 of the due deliveries.
    public func dueDeliveries(now: Date) throws(StoreError) -> [OutboxDelivery] {
        try dueDeliveries(now: now, limit: 100)
    }

    /// At most 100 of the pending deliveries of `sink`.
    public func pendingDeliveries(sink: String) throws(StoreError) -> [OutboxDelivery] {
        try pendingDeliveries(sink: sink, limit: 100)
    }
}
