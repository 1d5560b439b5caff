import AlertLog
import Configuration
import FeedModel
import Foundation
import HTTPTransport
import Store

/// Sends the webhook outbox: every due delivery is POSTed to its sink, and
/// the outcome recorded, so that no alert is lost and none is sent twice.
///
/// - A 2xx marks the delivery delivered.
/// - A 5xx, a 429, a timeout or a refused connection is retried with
///   exponential backoff and jitter (never sooner than the receiver's
///   Retry-After, capped), until the next attempt would fall after the
///   delivery's expiry: then it is dead, with the last error as the reason.
/// - A 4xx other than 429 is dead at once, with the status and the start of the answer.
/// - A sink no longer in feeds.conf has its deliveries given up as dead.
/// - A sink whose `env:` secret is unset is not sent to (never unsigned):
///   its deliveries stay pending with that error until the secret appears or they expire.
///
/// Each sink gets its deliveries in the order they were queued: one waiting
/// for its retry holds back the later ones, and a failure ends that sink's
/// turn for the round. Sinks are served side by side, each on its own
/// thread, with a short per-request timeout and a time budget per round, so
/// a slow or dead receiver delays the others by no more than that.
///
/// Monitors sharing one state each run a dispatcher over the same outbox: a
/// sink's queue is then claimed by one of them at a time (`SenderOutbox`),
/// so each delivery is sent once, and a sender that died leaves its claims
/// to run out and be taken over.
public final class WebhookDispatcher: Sendable {
    /// Retries after 30 s, 1 min, 2 min … then hourly: a receiver back up
    /// is found within the hour, and the expiry (24 h by default) is reached
    /// in steps small enough that the last hour is not wasted.
    public static let defaultBackoff = Backoff(baseInterval: 30, maxInterval: 3600, jitter: 0.2)
    /// How long one round may keep sending to one sink before leaving the
    /// rest for the next round.
    public static let defaultSinkBudget: TimeInterval = 30

    private let store: any DeliveryOutbox & DigestQueue
    private let outbox: SenderOutbox
    private let sinks: [String: SinkConfiguration]
    private let sender: WebhookSender
    private let backoff: Backoff
    private let sinkBudget: TimeInterval
    /// Rows read from the outbox at a time.
    private let batchSize = 200

    /// - Parameters:
    ///   - sinks: the webhook sinks of the current feeds.conf.
    ///   - userAgent: `feedwatch/VERSION`, sent as `User-Agent`.
    ///   - requestTimeout: the longest one request may take.
    ///   - sinkBudget: the longest one round keeps sending to one sink.
    ///   - environment: where `env:` secrets are read from.
    ///   - holder: who this sender claims deliveries as in a shared state;
    ///     unique to the dispatcher when nil.
    public convenience init(
        store: any DeliveryOutbox & DigestQueue, sinks: [SinkConfiguration],
        client: HTTPClient = HTTPClient(options: WebhookSender.clientOptions),
        userAgent: String, requestTimeout: TimeInterval = WebhookSender.defaultTimeout,
        backoff: Backoff = WebhookDispatcher.defaultBackoff,
        sinkBudget: TimeInterval = WebhookDispatcher.defaultSinkBudget,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        holder: String? = nil
    ) {
        self.init(
            store: store, sinks: sinks,
            sender: WebhookSender(
                client: client, userAgent: userAgent, timeout: requestTimeout,
                environment: environment),
            backoff: backoff, sinkBudget: sinkBudget, holder: holder)
    }

    /// With a ready sender (tests give it a clock of their own).
    public init(
        store: any DeliveryOutbox & DigestQueue, sinks: [SinkConfiguration], sender: WebhookSender,
        backoff: Backoff = WebhookDispatcher.defaultBackoff,
        sinkBudget: TimeInterval = WebhookDispatcher.defaultSinkBudget, holder: String? = nil
    ) {
        self.store = store
        // A turn ends once the budget is spent, after at most one more request.
        outbox = SenderOutbox(
            store: store, holder: holder ?? SenderOutbox.newHolder(),
            claimDuration: 2 * (sinkBudget + sender.timeout))
        self.sinks = Dictionary(
            sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.sender = sender
        self.backoff = backoff
        self.sinkBudget = sinkBudget
    }

    /// Sends every delivery due at `now`, sink by sink in parallel, and
    /// records each outcome. Outbox errors do not stop the round: they are
    /// listed in the summary's `problems`.
    public func deliverDue(now: Date = Date()) -> DeliverySummary {
        var summary = DeliverySummary()
        do {
            summary.dead += try store.expireDeliveries(now: now)
            foldDueDigests(now: now, into: &summary)
            let names = try store.sinksWithDueDeliveries(now: now)
            let rounds = ThreadPerItem.map(names) { [self] name in
                deliverQueue(of: name, now: now)
            }
            for round in rounds { summary.add(round) }
        } catch {
            summary.note(error.description)
        }
        summary.pending = pendingCount(into: &summary)
        return summary
    }

    /// Sends the pending deliveries of one alert now, due or not, ahead of
    /// their sinks' queues: `feedwatch alerts redeliver`, after `DeliveryOutbox.redeliver`.
    public func deliver(alertID: String, now: Date = Date()) -> DeliverySummary {
        var summary = DeliverySummary()
        var claimed: [OutboxDelivery] = []
        do {
            claimed = try outbox.pendingDeliveries(ofAlert: alertID, now: now)
            for delivery in claimed {
                guard let sink = sinks[delivery.sink] else {
                    try giveUpRemoved(delivery, now: now, into: &summary)
                    continue
                }
                let secret: String?
                do {
                    secret = try sender.secret(for: sink)
                } catch {
                    try store.noteUnsentDeliveries(
                        sink: sink.name, now: now, error: error.description)
                    summary.note(error.description)
                    continue
                }
                _ = try attempt(delivery, sink: sink, secret: secret, now: now, into: &summary)
            }
        } catch {
            summary.note(error.description)
        }
        release(claimed, into: &summary)
        summary.pending = pendingCount(into: &summary)
        return summary
    }

    // MARK: - One sink

    /// Sends `name`'s deliveries in queue order until one is not yet due,
    /// one fails, the budget is spent, or none is left (or, in a shared
    /// state, another sender holds the sink); then lets go of the claims it
    /// did not get to.
    private func deliverQueue(of name: String, now: Date) -> DeliverySummary {
        var summary = DeliverySummary()
        var claimed: [OutboxDelivery] = []
        sendQueue(of: name, now: now, claimed: &claimed, into: &summary)
        release(claimed, into: &summary)
        return summary
    }

    private func sendQueue(
        of name: String, now: Date, claimed: inout [OutboxDelivery],
        into summary: inout DeliverySummary
    ) {
        let started = ContinuousClock.now
        do {
            guard let sink = sinks[name] else {
                try giveUpAll(ofRemovedSink: name, now: now, into: &summary)
                return
            }
            let secret: String?
            do {
                secret = try sender.secret(for: sink)
            } catch {
                try store.noteUnsentDeliveries(sink: name, now: now, error: error.description)
                summary.note(error.description)
                return
            }
            var attempted = false
            while true {
                let elapsed = Self.seconds(ContinuousClock.now - started)
                let batch = try outbox.queue(
                    of: name, now: now.addingTimeInterval(elapsed), limit: batchSize)
                claimed += batch
                for delivery in batch {
                    let elapsed = Self.seconds(ContinuousClock.now - started)
                    let current = now.addingTimeInterval(elapsed)
                    // A delivery waiting for its retry keeps its place: later
                    // alerts must not overtake it.
                    guard delivery.nextAttempt <= current else { return }
                    guard !attempted || elapsed < sinkBudget else { return }
                    attempted = true
                    let goOn = try attempt(
                        delivery, sink: sink, secret: secret, now: current, into: &summary)
                    guard goOn else { return }
                }
                // Every row of the batch is delivered or dead now, so the next read moves on.
                if batch.count < batchSize { return }
            }
        } catch {
            summary.note(error.description)
        }
    }

    /// Sends one delivery and records the outcome. Returns whether the sink's
    /// turn may go on (false after a failure worth retrying).
    private func attempt(
        _ delivery: OutboxDelivery, sink: SinkConfiguration, secret: String?, now: Date,
        into summary: inout DeliverySummary
    ) throws(StoreError) -> Bool {
        let result = sender.send(
            payload: delivery.payload, alertID: delivery.alertID, to: sink, secret: secret)
        let finished = now.addingTimeInterval(result.duration)
        switch result.outcome {
        case .delivered:
            try outbox.markDelivered(delivery, at: finished)
            summary.sent += 1
            return true
        case .rejected(let error):
            try outbox.markDead(delivery, reason: error.description, at: finished)
            summary.dead += 1
            summary.note("alert \(delivery.alertID): \(error.description)")
            return true
        case .retry(let error, let retryAfter):
            let attempts = delivery.attempts + 1
            let next = finished.addingTimeInterval(
                backoff.delay(failures: attempts, retryAfter: retryAfter))
            if next >= delivery.expiresAt {
                let reason =
                    "expired after \(Counted.phrase(attempts, "attempt")) (the next would fall after"
                    + " \(Self.timestamp(delivery.expiresAt))); last error: \(error.description)"
                try outbox.markDead(delivery, reason: reason, at: finished)
                summary.dead += 1
                summary.note("alert \(delivery.alertID): \(reason)")
            } else {
                try outbox.markFailed(delivery, nextAttempt: next, error: error.description)
                summary.failed += 1
                summary.note(
                    "alert \(delivery.alertID): \(error.description); next attempt at \(Self.timestamp(next))"
                )
            }
            return false
        }
    }

    // MARK: - Digests

    /// Folds each digest sink's messages held for a period that has ended
    /// into one delivery, queued with the rest. A sink no longer in
    /// feeds.conf gets an empty body, given up as removed with its other deliveries.
    private func foldDueDigests(now: Date, into summary: inout DeliverySummary) {
        let batches: [DigestBatch]
        do {
            batches = try store.dueDigests(now: now)
        } catch {
            summary.note(error.description)
            return
        }
        let composer = WebhookComposer(sinks: Array(sinks.values))
        let decoder = AlertLogFormat.makeDecoder()
        for batch in batches {
            do {
                let messages = try batch.entries.map {
                    try decoder.decode([Alert].self, from: $0.content)
                }
                let key = AlertMessage.digestKey(
                    sink: batch.sink, until: batch.due,
                    messageKeys: batch.entries.map(\.messageKey))
                let payload =
                    try composer.digestPayload(
                        messages, key: key, toSink: batch.sink, until: batch.due) ?? Data()
                try store.foldDigest(
                    entryIDs: batch.entries.map(\.id),
                    into: NewDelivery(
                        alertID: key, sink: batch.sink, payload: payload, firstAttempt: now,
                        expiresAt: now.addingTimeInterval(AlertRecorder.defaultDeliveryExpiry),
                        alertIDs: batch.entries.flatMap(\.alertIDs)))
            } catch {
                summary.note("digest of sink \(batch.sink): \(error)")
            }
        }
    }

    // MARK: - Removed sinks

    private func giveUpAll(
        ofRemovedSink name: String, now: Date, into summary: inout DeliverySummary
    )
        throws(StoreError)
    {
        while true {
            let batch = try outbox.queue(of: name, now: now, limit: batchSize)
            for delivery in batch { try giveUpRemoved(delivery, now: now, into: &summary) }
            if batch.count < batchSize { return }
        }
    }

    private func giveUpRemoved(
        _ delivery: OutboxDelivery, now: Date, into summary: inout DeliverySummary
    ) throws(StoreError) {
        let reason = WebhookError.sinkRemoved(sink: delivery.sink).description
        try outbox.markDead(delivery, reason: reason, at: now)
        summary.dead += 1
        if summary.problems.last != reason { summary.note(reason) }
    }

    // MARK: - Helpers

    private func release(_ claimed: [OutboxDelivery], into summary: inout DeliverySummary) {
        do {
            try outbox.release(claimed)
        } catch {
            summary.note(error.description)
        }
    }

    private func pendingCount(into summary: inout DeliverySummary) -> Int {
        do {
            return try store.pendingDeliveryCount()
        } catch {
            summary.note(error.description)
            return 0
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
