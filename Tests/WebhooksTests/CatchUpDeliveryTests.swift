import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Webhooks

/// The catch-up queues the tail an interrupted pass left as that pass would
/// have: one message per item and sink, none for a muted alert, a digest
/// sink's messages held for its digest, and nothing past the delivery expiry.
@Suite struct CatchUpDeliveryTests {
    let start = WebhookTestBench.start

    /// A recorder whose state has recorded a pass already, so that what the
    /// log holds past it is owed to the sinks.
    private func recorderInUse(
        _ bench: WebhookTestBench, sinks: [SinkConfiguration]
    ) throws -> AlertRecorder {
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: bench.folder.path("alerts.jsonl")), store: bench.store,
            composer: WebhookComposer(sinks: sinks))
        let earlier = sampleAlert(itemID: "earlier", time: start.addingTimeInterval(-600))
        try recorder.record(
            [AlertRecorder.Notified(alert: earlier, sinks: ["log"])],
            with: PassCommit(feed: "herald"), now: earlier.time)
        return recorder
    }

    @Test func theTailIsQueuedOneMessagePerItemAndSink() throws {
        let bench = try WebhookTestBench()
        let sinks = [bench.sink("ops"), bench.sink("chat", format: .slack)]
        let recorder = try recorderInUse(bench, sinks: sinks)
        let attack = sampleAlert(rule: "haqqani-attack", severity: .medium)
        let claim = sampleAlert(rule: "iskp-claim", severity: .critical)
        let other = sampleAlert(rule: "haqqani-attack", itemID: "item-2", severity: .low)
        // Written, then a crash before the store transaction.
        try recorder.log.append([attack, claim, other])

        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["log", "ops", "chat"] }, stateIsNew: false,
            now: start.addingTimeInterval(600))

        #expect(caughtUp.kind == .recovered && caughtUp.indexed == 3)
        #expect(caughtUp.queued == 4 && caughtUp.held == 0)
        let key = AlertMessage.key(alertIDs: [attack.id, claim.id])
        for alert in [attack, claim] {
            let deliveries = try bench.store.deliveries(alertID: alert.id)
            #expect(deliveries.map(\.alertID) == [key, key])
            #expect(Set(deliveries.map(\.sink)) == ["ops", "chat"])
            // Given up a day after the alerts, not a day after the restart.
            #expect(deliveries.allSatisfy { $0.expiresAt == start.addingTimeInterval(24 * 3600) })
        }
        #expect(
            try bench.store.deliveries(alertID: other.id).map(\.alertID) == [other.id, other.id])

        let summary = bench.dispatcher(sinks).deliverDue(now: start.addingTimeInterval(600))
        #expect(summary.sent == 4 && summary.pending == 0, "\(summary.problems)")
        let keys = bench.server.requests(for: "/ops").map { $0.header("Idempotency-Key") }
        #expect(keys == [key, other.id])
        #expect(
            try recorder.catchUp(sinks: { _ in ["ops", "chat"] }, stateIsNew: false).kind
                == .inStep)
    }

    @Test func aMutedAlertInTheTailIsQueuedForNoSink() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let recorder = try recorderInUse(bench, sinks: [sink])
        let attack = sampleAlert(rule: "haqqani-attack")
        var claim = sampleAlert(rule: "iskp-claim", severity: .critical)
        claim.muted = true
        var elsewhere = sampleAlert(itemID: "item-2")
        elsewhere.muted = true
        try recorder.log.append([attack, claim, elsewhere])

        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["log", "ops"] }, stateIsNew: false, now: start)

        // The item's message names only the alert the mute let through.
        #expect(caughtUp.indexed == 3 && caughtUp.queued == 1 && caughtUp.expired == 0)
        #expect(try bench.store.deliveries(alertID: attack.id).map(\.alertID) == [attack.id])
        #expect(try bench.store.deliveries(alertID: claim.id).isEmpty)
        #expect(try bench.store.deliveries(alertID: elsewhere.id).isEmpty)
        #expect(try recorder.recordedAlertIDs(among: [claim.id, elsewhere.id]).count == 2)
    }

    @Test func aDigestSinkHoldsTheTailForItsDigest() throws {
        let bench = try WebhookTestBench()
        var sink = bench.sink("digest")
        sink.digest = 3600
        let recorder = try recorderInUse(bench, sinks: [sink])
        let attack = sampleAlert(rule: "haqqani-attack")
        let claim = sampleAlert(rule: "iskp-claim", severity: .critical)
        let stale = sampleAlert(itemID: "stale", time: start.addingTimeInterval(-25 * 3600))
        try recorder.log.append([attack, claim, stale])
        let now = start.addingTimeInterval(600)

        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["log", "digest"] }, stateIsNew: false, now: now)

        #expect(caughtUp.indexed == 3 && caughtUp.queued == 0)
        #expect(caughtUp.held == 1 && caughtUp.expired == 1)
        #expect(caughtUp.description.contains("held 1 for digests"))
        #expect(try bench.store.heldDigestEntryCount() == 1)
        #expect(bench.dispatcher([sink]).deliverDue(now: now).sent == 0)

        let periodEnd = DigestPeriod.end(containing: now, period: 3600)
        let due = bench.dispatcher([sink]).deliverDue(now: periodEnd)
        #expect(due.sent == 1 && due.pending == 0, "\(due.problems)")
        let requests = bench.server.requests(for: "/digest")
        try #require(requests.count == 1)
        let key = AlertMessage.digestKey(
            sink: "digest", until: periodEnd,
            messageKeys: [AlertMessage.key(alertIDs: [attack.id, claim.id])])
        #expect(requests[0].header("Idempotency-Key") == key)
        #expect(try bench.store.deliveries(alertID: stale.id).isEmpty)
    }
}
