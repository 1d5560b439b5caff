import AlertTestSupport
import Foundation
import SQLiteStore
import Store
import Testing

@testable import AlertLog

/// What a start owes the sinks: nothing for a log the state never knew,
/// the tail an interrupted pass left (also across a rotation), and nothing
/// past its expiry.
@Suite struct CatchUpTests {
    /// Every sink but the log gets the message's records as JSON.
    struct RecordComposer: DeliveryComposer {
        func payload(for alerts: [Alert], toSink name: String) throws -> Data? {
            name == "log" ? nil : try AlertLogFormat.makeEncoder().encode(alerts)
        }
    }

    @Test func aNewStateIndexesTheWholeLogAndQueuesNothing() throws {
        let folder = try TemporaryFolder()
        let written = try SampleLog.write(in: folder)
        #expect(FileManager.default.fileExists(atPath: folder.path("alerts.jsonl.1")))
        try FileManager.default.removeItem(atPath: folder.path("state.db"))
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: folder.path("alerts.jsonl"), rotationSize: 4000),
            store: store, composer: RecordComposer())

        // Within the expiry of the newest alerts: only the state's newness keeps them unsent.
        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["ops"] }, stateIsNew: true, now: written[29].time)

        #expect(caughtUp.kind == .adopted && caughtUp.indexed == 30 && caughtUp.queued == 0)
        #expect(caughtUp.description.contains("queued none"))
        #expect(try store.alertIndexCount() == 30)
        #expect(try store.pendingDeliveries(sink: "ops").isEmpty)
        #expect(try recorder.catchUp(sinks: { _ in ["ops"] }, stateIsNew: false).kind == .inStep)
    }

    @Test func aCrashTailIsQueuedOnceAndNothingPastItsExpiry() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: RecordComposer())
        let now = Date(timeIntervalSince1970: 1_795_100_000)
        let first = sampleAlert(itemID: "first", time: now.addingTimeInterval(-3 * 24 * 3600))
        try recorder.record(
            [AlertRecorder.Notified(alert: first, sinks: ["ops"])],
            with: PassCommit(feed: "herald"), now: first.time)
        // Written, then a crash before the commit: one alert a day and more
        // old (a process that stayed down), one an hour old.
        let stale = sampleAlert(itemID: "stale", time: now.addingTimeInterval(-25 * 3600))
        let fresh = sampleAlert(itemID: "fresh", time: now.addingTimeInterval(-3600))
        try log.append([stale, fresh])

        let caughtUp = try recorder.catchUp(sinks: { _ in ["ops"] }, stateIsNew: false, now: now)

        #expect(caughtUp.kind == .recovered)
        #expect(caughtUp.indexed == 2 && caughtUp.queued == 1 && caughtUp.expired == 1)
        #expect(try store.deliveries(alertID: stale.id).isEmpty)
        let queued = try store.deliveries(alertID: fresh.id)
        #expect(queued.map(\.sink) == ["ops"])
        // Given up a day after the alert, not a day after the restart.
        #expect(queued.first?.expiresAt == fresh.time.addingTimeInterval(24 * 3600))
        #expect(try store.alertIndexCount() == 3)
        #expect(try recorder.catchUp(sinks: { _ in ["ops"] }, stateIsNew: false).kind == .inStep)
        #expect(try store.deliveries(alertID: fresh.id).count == 1)
    }

    @Test func anExistingStateWithNoAlertYetRecoversItsFirstBatch() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: RecordComposer())
        let alert = sampleAlert(itemID: "first")
        try log.append([alert])

        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["ops"] }, stateIsNew: false, now: alert.time)

        #expect(caughtUp.kind == .recovered && caughtUp.queued == 1)
    }

    @Test func aRotationWhoseCommitWasLostIsFinishedAndItsBatchQueued() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let earlier = (0..<3).map { sampleAlert(itemID: "earlier-\($0)") }
        let batch = (0..<4).map { sampleAlert(itemID: "batch-\($0)") }
        do {
            let log = try AlertLogWriter(path: path, rotationSize: 3000)
            let recorder = AlertRecorder(log: log, store: store, composer: RecordComposer())
            try recorder.record(
                earlier.map { AlertRecorder.Notified(alert: $0, sinks: ["ops"]) },
                with: PassCommit(feed: "herald"), now: earlier[0].time)
            // The batch's append rotates the log; the process stops before the commit.
            let appended = try log.append(batch)
            #expect(
                appended.rotation == AlertLogRotation(from: "alerts.jsonl", to: "alerts.jsonl.1"))
        }
        #expect(try store.lastIndexedLine()?.logFile == "alerts.jsonl")

        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: path, rotationSize: 3000), store: store,
            composer: RecordComposer())
        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["ops"] }, stateIsNew: false, now: batch[0].time)

        #expect(caughtUp.kind == .recovered && caughtUp.indexed == 4 && caughtUp.queued == 4)
        #expect(caughtUp.rotation == LogFileRename(from: "alerts.jsonl", to: "alerts.jsonl.1"))
        for alert in earlier + batch {
            let entry = try #require(try store.alertIndexEntry(alertID: alert.id))
            #expect(entry.logFile == "alerts.jsonl.1")
            let line = try AlertLogReader(path: path).line(
                in: folder.path(entry.logFile), at: entry.byteOffset)
            #expect(line?.id == alert.id)
        }
        for alert in batch { #expect(try store.deliveries(alertID: alert.id).count == 1) }
        #expect(try recorder.catchUp(sinks: { _ in ["ops"] }, stateIsNew: false).kind == .inStep)
    }
}
