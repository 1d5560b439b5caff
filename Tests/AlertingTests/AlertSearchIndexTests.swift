import Configuration
import Foundation
import RuleEngine
import Store
import Testing

@testable import Alerting

/// The review answers from the index exactly what it would from the log.
@Suite struct AlertSearchIndexTests {
    let base = Date(timeIntervalSince1970: 1_795_000_000)

    /// Titles with the characters SQL patterns treat as wildcards.
    let titles = [7: "Blast at 100% of the ministry", 11: "Kabul [update]: 3* dead? Ünal says"]

    func writeLog(in folder: TemporaryFolder, rotationSize: Int = 4000) throws -> [Alert] {
        let store = try StateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"), rotationSize: rotationSize)
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        var written: [Alert] = []
        for index in 0..<30 {
            let alert = sampleAlert(
                rule: index % 3 == 0 ? "iskp-claim" : "haqqani-attack",
                feed: index % 2 == 0 ? "herald" : "wire", itemID: "item-\(index)",
                severity: index % 5 == 0 ? .critical : .medium,
                time: base.addingTimeInterval(Double(index) * 3600),
                title: titles[index] ?? "Report \(index)",
                entities: index % 4 == 0 ? ["iskp", "khalil-haqqani"] : ["khalil-haqqani"])
            written.append(alert)
            try recorder.record(
                [AlertRecorder.Notified(alert: alert, sinks: ["log"])], markingSeen: [],
                feed: alert.feed, now: alert.time)
        }
        return written
    }

    @Test(arguments: [
        AlertFilter(),
        AlertFilter(rule: "iskp-claim"),
        AlertFilter(entity: "iskp"),
        AlertFilter(severity: SeverityFilter("critical")),
        AlertFilter(severity: SeverityFilter("medium+")),
        AlertFilter(severity: SeverityFilter("medium")),
        AlertFilter(feed: "wire", grep: "REPORT 1"),
        AlertFilter(grep: "100%"),
        AlertFilter(grep: "100_"),
        AlertFilter(grep: "MINISTRY"),
        AlertFilter(grep: "[update]"),
        AlertFilter(grep: "3* dead?"),
        AlertFilter(grep: "ünal"),
        AlertFilter(grep: "1"),
        AlertFilter(grep: "no such words"),
        AlertFilter(entity: "iskp", grep: "report"),
        AlertFilter(entity: "nobody"),
        AlertFilter(rule: "haqqani-attack", entity: "iskp", severity: SeverityFilter("medium")),
        AlertFilter(
            since: Date(timeIntervalSince1970: 1_795_000_000 + 5 * 3600),
            until: Date(timeIntervalSince1970: 1_795_000_000 + 9 * 3600)),
    ])
    func indexAndLogAgree(filter: AlertFilter) throws {
        let folder = try TemporaryFolder()
        let written = try writeLog(in: folder)
        #expect(AlertLogFiles(path: folder.path("alerts.jsonl")).chronological().count > 3)

        let review = try AlertSearch(
            logPath: folder.path("alerts.jsonl"), statePath: folder.path("state.db"))
        #expect(review.usesIndex)
        let expected = Array(written.reversed().filter(filter.accepts))
        #expect(try review.alerts(matching: filter, limit: nil).alerts == expected)
        #expect(try review.alerts(matching: filter, limit: 3).alerts == Array(expected.prefix(3)))
        #expect(
            try review.entries(matching: filter, limit: nil)?.map(\.alertID) == expected.map(\.id))
        #expect(try review.count(matching: filter) == expected.count)
        #expect(try review.statistics(matching: filter) == AlertStatistics(expected))
    }

    @Test func withoutAnIndexTheLogAnswers() throws {
        let folder = try TemporaryFolder()
        let written = try writeLog(in: folder)
        try FileManager.default.removeItem(atPath: folder.path("state.db"))
        let review = try AlertSearch(
            logPath: folder.path("alerts.jsonl"), statePath: folder.path("state.db"))
        #expect(!review.usesIndex)
        #expect(try review.alerts(matching: AlertFilter(), limit: nil).alerts == written.reversed())
    }

    @Test func reindexRebuildsWhatWasLost() throws {
        let folder = try TemporaryFolder()
        let written = try writeLog(in: folder)
        let store = try StateStore(path: folder.path("state.db"))
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
        let store = try StateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        let first = sampleAlert(itemID: "first")
        try recorder.record(
            [AlertRecorder.Notified(alert: first, sinks: ["log"])], markingSeen: [], feed: "herald")
        // A crash after the fsync, before the store transaction:
        let lost = sampleAlert(itemID: "lost")
        try log.append([lost])
        #expect(try !recorder.isRecorded(lost.id))

        #expect(try recorder.catchUp(sinks: { _ in ["log"] }) == 1)
        #expect(try recorder.isRecorded(lost.id))
        #expect(try recorder.catchUp(sinks: { _ in ["log"] }) == 0)
    }

    @Test func catchUpRebuildsAnIndexThatNoLongerMatchesTheLog() throws {
        let folder = try TemporaryFolder()
        let written = try writeLog(in: folder, rotationSize: 1 << 30)
        // The log is replaced behind the index's back (restored from a backup, edited).
        try Data().write(to: URL(fileURLWithPath: folder.path("alerts.jsonl")))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"))
        try log.append(Array(written.suffix(2)))
        let store = try StateStore(path: folder.path("state.db"))
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        _ = try recorder.catchUp(sinks: { _ in [] })
        #expect(try store.alertIndexCount() == 2)
    }
}
