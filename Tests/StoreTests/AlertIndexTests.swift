import Foundation
import Testing

@testable import Store

@Suite struct AlertIndexTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Six alerts an hour apart: a0 oldest … a5 newest.
    func sampleEntries() -> [AlertIndexEntry] {
        let severities = [
            ("info", 0), ("low", 1), ("medium", 2), ("high", 3), ("critical", 4), ("high", 3),
        ]
        return severities.enumerated().map { offset, severity in
            AlertIndexEntry(
                alertID: "a\(offset)", time: start.addingTimeInterval(Double(offset) * 3600),
                rule: offset.isMultiple(of: 2) ? "kabul-attacks" : "ttp-leaders",
                severity: severity.0,
                severityRank: severity.1, feed: offset < 3 ? "dawn" : "tolonews",
                story: offset >= 4 ? "story-9" : nil, title: "Alert \(offset)",
                logFile: "alerts.jsonl",
                byteOffset: Int64(offset * 512))
        }
    }

    func storeWithSamples(in folder: TemporaryFolder) throws -> StateStore {
        let store = try StateStore(path: folder.path("feedwatch.db"))
        try store.indexAlerts(sampleEntries())
        return store
    }

    @Test func everyFieldRoundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithSamples(in: folder)

        #expect(try store.alertIndexEntry(alertID: "a4") == sampleEntries()[4])
        #expect(try store.alertIndexEntry(alertID: "missing") == nil)
        #expect(try store.alertIndexCount() == 6)
    }

    @Test func everythingComesNewestFirst() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithSamples(in: folder)

        #expect(
            try store.alerts(matching: AlertIndexFilter()).map(\.alertID) == [
                "a5", "a4", "a3", "a2", "a1", "a0",
            ])
        #expect(
            try store.alerts(matching: AlertIndexFilter(limit: 2)).map(\.alertID) == ["a5", "a4"])
    }

    @Test(arguments: [
        (
            AlertIndexFilter(since: Date(timeIntervalSince1970: 1_790_000_000 + 3 * 3600)),
            ["a5", "a4", "a3"]
        ),
        (
            AlertIndexFilter(until: Date(timeIntervalSince1970: 1_790_000_000 + 2 * 3600)),
            ["a1", "a0"]
        ),
        (AlertIndexFilter(rule: "ttp-leaders"), ["a5", "a3", "a1"]),
        (AlertIndexFilter(minimumSeverityRank: 3), ["a5", "a4", "a3"]),
        (AlertIndexFilter(feed: "dawn"), ["a2", "a1", "a0"]),
        (AlertIndexFilter(story: "story-9"), ["a5", "a4"]),
        (AlertIndexFilter(rule: "kabul-attacks", minimumSeverityRank: 2, feed: "tolonews"), ["a4"]),
        (
            AlertIndexFilter(
                since: Date(timeIntervalSince1970: 1_790_000_000 + 3600),
                until: Date(timeIntervalSince1970: 1_790_000_000 + 5 * 3600), limit: 2),
            ["a4", "a3"]
        ),
    ])
    func filtersCombine(filter: AlertIndexFilter, expected: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithSamples(in: folder)

        #expect(try store.alerts(matching: filter).map(\.alertID) == expected)
    }

    @Test func reindexingReplacesEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try storeWithSamples(in: folder)
        var moved = sampleEntries()[0]
        moved.logFile = "alerts.jsonl.1"

        try store.indexAlerts([moved])
        #expect(try store.alertIndexEntry(alertID: "a0")?.logFile == "alerts.jsonl.1")
        #expect(try store.alertIndexCount() == 6)

        try store.clearAlertIndex()
        #expect(try store.alertIndexCount() == 0)
    }
}
