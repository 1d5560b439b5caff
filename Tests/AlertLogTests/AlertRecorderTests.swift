import AlertTestSupport
import Foundation
import SQLiteStore
import Store
import Testing

@testable import AlertLog

/// The recorder keeps the store's index in step with the log, also after a crash.
@Suite struct AlertRecorderTests {
    @Test func reindexRebuildsWhatWasLost() throws {
        let folder = try TemporaryFolder()
        let written = try SampleLog.write(in: folder)
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        try store.clearAlertIndex()
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: folder.path("alerts.jsonl")), store: store,
            composer: NoDeliveries())
        let (indexed, corrupt) = try recorder.reindex()
        #expect(indexed == written.count && corrupt.isEmpty)
        #expect(try store.alertIndexCount() == written.count)
    }

    @Test func catchUpIndexesWhatACrashLeftInTheLog() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        let first = sampleAlert(itemID: "first")
        try recorder.record(
            [AlertRecorder.Notified(alert: first, sinks: ["log"])],
            with: PassCommit(feed: "herald"))
        // A crash after the fsync, before the store transaction:
        let lost = sampleAlert(itemID: "lost")
        try log.append([lost])
        #expect(try recorder.recordedAlertIDs(among: [first.id, lost.id]) == [first.id])

        #expect(try recorder.catchUp(sinks: { _ in ["log"] }, stateIsNew: false).indexed == 1)
        #expect(try recorder.recordedAlertIDs(among: [first.id, lost.id]) == [first.id, lost.id])
        #expect(try recorder.catchUp(sinks: { _ in ["log"] }, stateIsNew: false).kind == .inStep)
    }

    /// Every sink but the log gets the records as JSON.
    struct RecordComposer: DeliveryComposer {
        func payload(for alerts: [Alert], toSink name: String) throws -> Data? {
            name == "log" ? nil : try AlertLogFormat.makeEncoder().encode(alerts)
        }
    }

    @Test func catchUpQueuesNoDeliveryForAFoldedReport() throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: RecordComposer())
        let raised = sampleAlert(itemID: "raised")
        var folded = sampleAlert(feed: "observer", itemID: "folded")
        folded.kind = .report
        // Both written, then a crash before the store transaction.
        try log.append([raised, folded])
        let caughtUp = try recorder.catchUp(
            sinks: { _ in ["log", "ops"] }, stateIsNew: false, now: raised.time)
        #expect(caughtUp.indexed == 2 && caughtUp.queued == 1)
        #expect(try store.deliveries(alertID: raised.id).map(\.sink) == ["ops"])
        #expect(try store.deliveries(alertID: folded.id).isEmpty)
        #expect(try recorder.recordedAlertIDs(among: [folded.id]) == [folded.id])
    }

    @Test func catchUpRebuildsAnIndexThatNoLongerMatchesTheLog() throws {
        let folder = try TemporaryFolder()
        let written = try SampleLog.write(in: folder, rotationSize: 1 << 30)
        // The log is replaced behind the index's back (restored from a backup, edited).
        try Data().write(to: URL(fileURLWithPath: folder.path("alerts.jsonl")))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        try log.append(Array(written.suffix(2)))
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        #expect(try recorder.catchUp(sinks: { _ in [] }, stateIsNew: false).kind == .rebuilt)
        #expect(try store.alertIndexCount() == 2)
    }
}
