import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Webhooks

/// A mute holds an alert back from its sinks, logged and marked muted, until
/// it ends by itself; it lives in the state, so a restart keeps it.
@Suite struct MuteTests {
    let start = WebhookTestBench.start

    private func record(
        _ alert: Alert, bench: WebhookTestBench, sink: SinkConfiguration, at time: Date
    ) throws -> Alert? {
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: bench.folder.path("alerts.jsonl")), store: bench.store,
            composer: WebhookComposer(sinks: [sink]), mutes: bench.store)
        return try recorder.record(
            [AlertRecorder.Notified(alert: alert, sinks: ["log", sink.name])], with: PassCommit(),
            now: time
        ).first
    }

    @Test(arguments: [
        Mute.Target.entity("khalil-haqqani"), .rule("haqqani-attack"), .feed("herald"),
    ])
    func aMuteHoldsBackDeliveryAcrossARestartAndEndsByItself(target: Mute.Target) throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        try bench.store.setMute(
            Mute(
                target: target, until: start.addingTimeInterval(3600), note: "handled",
                createdAt: start))

        let first = try #require(
            try record(sampleAlert(itemID: "one"), bench: bench, sink: sink, at: start))
        #expect(first.muted)
        try bench.reopenStore()
        #expect(try bench.store.activeMutes(now: start).map(\.note) == ["handled"])
        let second = try #require(
            try record(
                sampleAlert(itemID: "two"), bench: bench, sink: sink,
                at: start.addingTimeInterval(1800)))
        #expect(second.muted)
        // Past its end the mute is gone without anyone lifting it.
        let later = start.addingTimeInterval(7200)
        #expect(try bench.store.activeMutes(now: later).isEmpty)
        let third = try #require(
            try record(sampleAlert(itemID: "three"), bench: bench, sink: sink, at: later))
        #expect(!third.muted)

        _ = bench.dispatcher([sink]).deliverDue(now: later)
        let requests = bench.server.requests(for: "/ops")
        #expect(requests.map { $0.header("Idempotency-Key") } == [third.id])
        // Every alert is in the log; the muted ones say so, the others carry no such field.
        let logText = try String(
            contentsOfFile: bench.folder.path("alerts.jsonl"), encoding: .utf8)
        let lines = logText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.prefix(2).allSatisfy { $0.contains("\"muted\":true") })
        #expect(!lines[2].contains("muted"))
        let logged = try AlertLogReader(path: bench.folder.path("alerts.jsonl")).readAll().alerts
        #expect(logged.map(\.muted) == [true, true, false])
    }

    @Test func aMuteOnAnotherTargetLetsTheAlertThrough() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        try bench.store.setMute(
            Mute(target: .feed("wire"), until: start.addingTimeInterval(3600), createdAt: start))
        let alert = try #require(try record(sampleAlert(), bench: bench, sink: sink, at: start))
        #expect(!alert.muted)
        #expect(try bench.store.deliveries(alertID: alert.id).count == 1)
    }

    @Test func unmuteLiftsAMuteAndMutingAgainReplacesIt() throws {
        let bench = try WebhookTestBench()
        let target = Mute.Target.rule("haqqani-attack")
        try bench.store.setMute(
            Mute(target: target, until: start.addingTimeInterval(60), createdAt: start))
        try bench.store.setMute(
            Mute(
                target: target, until: start.addingTimeInterval(600), note: "longer",
                createdAt: start))
        let mutes = try bench.store.activeMutes(now: start)
        #expect(mutes.count == 1 && mutes.first?.note == "longer")
        #expect(try bench.store.removeMute(target))
        #expect(!(try bench.store.removeMute(target)))
        #expect(try bench.store.activeMutes(now: start).isEmpty)
    }
}
