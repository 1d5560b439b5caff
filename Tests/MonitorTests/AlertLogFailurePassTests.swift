import AlertLog
import Foundation
import SQLiteStore
import Testing

@testable import Monitor

/// A pass whose alert log cannot be written (a full disk, an I/O error, a
/// process killed mid-append), and the passes after it: every alert ends up
/// once in the log and once in the index, and the log never holds a torn line.
@Suite struct AlertLogFailurePassTests {
    static let feeds = [
        "wire": "file:feeds/wire.xml", "herald": "file:feeds/herald.xml",
        "observer": "file:feeds/observer.xml",
    ]

    /// Three feeds, each with a report that fires and one that does not.
    func fixture() throws -> MonitorFixture {
        let fixture = try MonitorFixture(feeds: Self.feeds)
        let items = PipelinePassTests.self
        for name in Self.feeds.keys.sorted() {
            try fixture.writeFeed(
                "\(name).xml",
                items.rss(items: [
                    (
                        id: "\(name)-bombing",
                        title: "Khalil-ur-Rehman Haqqani killed in \(name) report of Kabul bombing",
                        text: "Reported by the \(name)."
                    ),
                    (
                        id: "\(name)-claim", title: "ISK-P claims the attack, says the \(name)",
                        text: ""
                    ),
                    items.storm,
                ]))
        }
        return fixture
    }

    /// The records a pass over the same feeds writes when nothing fails, as
    /// kind and rule, one per record: raised alerts and the reports folded
    /// into their stories alike. Which feed's report a story's alert names
    /// depends on the order the feeds were stored in, so the rules are
    /// compared, and the notify-each rule, which alerts on every report, by id.
    func expectedAlerts() throws -> (rules: [String], everyReport: [String]) {
        let control = try fixture()
        let (summary, _) = try control.poll(backfill: true)
        #expect(summary.failures.isEmpty && summary.problems.isEmpty)
        return Self.shape(try AlertLogReader(path: control.alertLogPath).readAll().alerts)
    }

    static func shape(_ alerts: [Alert]) -> (rules: [String], everyReport: [String]) {
        (
            alerts.map { "\($0.kind.rawValue) \($0.rule)" }.sorted(),
            alerts.filter { $0.rule == "khalil-every-report" }.map(\.id).sorted()
        )
    }

    /// The log holds every alert once and no corrupt line, and the index exactly its alerts.
    func expectEveryAlertOnce(
        _ fixture: MonitorFixture, expected: (rules: [String], everyReport: [String])
    ) throws {
        let (logged, corrupt) = try AlertLogReader(path: fixture.alertLogPath).readAll()
        #expect(corrupt.isEmpty, "\(corrupt)")
        let shape = Self.shape(logged)
        #expect(shape.rules == expected.rules)
        #expect(shape.everyReport == expected.everyReport)
        let ids = logged.map(\.id)
        #expect(Set(ids).count == ids.count)
        let index = try SQLiteStateStore(path: fixture.statePath, access: .readOnly)
        #expect(try index.alertIndexCount() == ids.count)
        #expect(try index.recordedAlertIDs(among: ids) == Set(ids))
    }

    @Test func aFullDiskFailsEachFeedOnceAndTheNextPassWritesEveryAlertOnce() throws {
        let expected = try expectedAlerts()
        #expect(expected.rules.count >= 5)
        let fixture = try fixture()

        // The disk fills in the middle of the first two appends of the pass.
        let (full, written) = try fixture.poll(
            backfill: true, simulatedFailure: SimulatedWriteFailure(bytesWritten: 150, appends: 2))

        #expect(full.failures.count == 2)
        #expect(full.failures.count <= Self.feeds.count)
        #expect(full.failures.allSatisfy { $0.contains(fixture.alertLogPath) })
        #expect(
            full.problems == [
                "alerting: \(fixture.alertLogPath): the alerts of 2 of 3 feeds could not be written "
                    + "(cannot write: no space left on the device; cut back to its last complete alert (byte 0)); "
                    + "their items stay unseen and are read again"
            ])
        #expect(full.hasFailures)
        #expect(full.feedsFetched == 1 && full.alerts == written.count)
        // What is in the log is what the pass reported written, whole lines only.
        let afterFull = try AlertLogReader(path: fixture.alertLogPath).readAll()
        #expect(afterFull.corrupt.isEmpty)
        #expect(afterFull.alerts.map(\.id) == written.map(\.id))

        let (next, _) = try fixture.poll(backfill: true)

        #expect(next.failures.isEmpty && next.problems.isEmpty)
        try expectEveryAlertOnce(fixture, expected: expected)
        // A third pass finds nothing new to say.
        let (third, again) = try fixture.poll(backfill: true)
        #expect(third.newItems == 0 && again.isEmpty)
        try expectEveryAlertOnce(fixture, expected: expected)
    }

    @Test func aTornLineLeftByAKilledAppendIsSetAsideAndItsAlertWrittenAgainOnce() throws {
        let expected = try expectedAlerts()
        let fixture = try fixture()
        // Every append fails: the feeds' items stay unseen, the log empty.
        let (refused, _) = try fixture.poll(
            backfill: true, simulatedFailure: SimulatedWriteFailure(bytesWritten: 0, appends: 10))
        #expect(refused.failures.count == 3)
        #expect(try AlertLogReader(path: fixture.alertLogPath).readAll().alerts.isEmpty)
        // Then a process is killed in the middle of writing an alert's line.
        let torn = Data("{\"entities\":[\"khalil-haqqani\"],\"feed\":\"herald\",\"id\":\"".utf8)
        try torn.write(to: URL(fileURLWithPath: fixture.alertLogPath))

        let (next, _) = try fixture.poll(backfill: true)

        #expect(next.failures.isEmpty && next.problems.isEmpty)
        try expectEveryAlertOnce(fixture, expected: expected)
        let setAside = try Data(
            contentsOf: URL(fileURLWithPath: AlertLogTornTail.tornFile(for: fixture.alertLogPath)))
        #expect(setAside == torn + Data([0x0A]))
    }

    @Test func aSummaryNeverCountsMoreFailuresThanFeeds() throws {
        let fixture = try fixture()
        // Every append fails, and every feed fires: each feed is counted once.
        let (refused, _) = try fixture.poll(
            backfill: true, simulatedFailure: SimulatedWriteFailure(bytesWritten: 10, appends: 100))
        #expect(refused.failures.count == Self.feeds.count)
        #expect(refused.line.contains("3 failed"))
    }
}
