import Foundation
import Store

/// The outbox as one sender takes from it. In a state several monitors
/// share (`DeliveryClaimStore`), a sink's queue is claimed before it is sent
/// and each attempt recorded as the claim's holder, so that no delivery goes
/// out from two senders; a state one process holds alone is read as it is.
struct SenderOutbox: Sendable {
    let store: any DeliveryOutbox & DigestQueue
    /// The store's claims, when it is shared.
    let claims: (any DeliveryClaimStore)?
    /// Who claims: unique to this sender, so two senders in one process exclude each other too.
    let holder: String
    /// How long a claim lasts: longer than a sink's turn can take, so that
    /// only a sender that died (or hung) loses its claims to another.
    let claimDuration: TimeInterval

    init(store: any DeliveryOutbox & DigestQueue, holder: String, claimDuration: TimeInterval) {
        self.store = store
        claims = store as? any DeliveryClaimStore
        self.holder = holder
        self.claimDuration = claimDuration
    }

    /// A name for a new sender: the process and a random part.
    static func newHolder() -> String {
        let process = ProcessInfo.processInfo.processIdentifier
        return "sender \(process)-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// The head of `sink`'s queue, at most `limit` (claimed, when shared:
    /// none while another sender holds the sink).
    func queue(of sink: String, now: Date, limit: Int) throws(StoreError) -> [OutboxDelivery] {
        guard let claims else { return try store.pendingDeliveries(sink: sink, limit: limit) }
        return try claims.claimPendingDeliveries(
            sink: sink, holder: holder, now: now, duration: claimDuration, limit: limit)
    }

    /// The pending deliveries of one alert (claimed, when shared: the ones no other sender holds).
    func pendingDeliveries(ofAlert alertID: String, now: Date) throws(StoreError)
        -> [OutboxDelivery]
    {
        guard let claims else {
            return try store.deliveries(alertID: alertID).filter { $0.status == .pending }
        }
        return try claims.claimPendingDeliveries(
            alertID: alertID, holder: holder, now: now, duration: claimDuration)
    }

    func markDelivered(_ delivery: OutboxDelivery, at time: Date) throws(StoreError) {
        guard let claims else { return try store.markDelivered(id: delivery.id, at: time) }
        try claims.markDelivered(id: delivery.id, holder: holder, at: time)
    }

    func markFailed(_ delivery: OutboxDelivery, nextAttempt: Date, error: String)
        throws(StoreError)
    {
        guard let claims else {
            return try store.markFailed(id: delivery.id, nextAttempt: nextAttempt, error: error)
        }
        try claims.markFailed(
            id: delivery.id, holder: holder, nextAttempt: nextAttempt, error: error)
    }

    func markDead(_ delivery: OutboxDelivery, reason: String, at time: Date) throws(StoreError) {
        guard let claims else {
            return try store.markDead(id: delivery.id, reason: reason, at: time)
        }
        try claims.markDead(id: delivery.id, holder: holder, reason: reason, at: time)
    }

    /// Ends the claims on `deliveries` that were not attempted, so that the
    /// next round (of any sender) finds the sink free.
    func release(_ deliveries: [OutboxDelivery]) throws(StoreError) {
        guard let claims, !deliveries.isEmpty else { return }
        try claims.releaseDeliveries(deliveries.map(\.id), holder: holder)
    }
}
