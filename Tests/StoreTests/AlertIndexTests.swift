import Foundation
import Store
import Testing

@testable import SQLiteStore

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

    func storeWithSamples(_ backend: StoreBackend) throws -> FreshStore {
        let fresh = try FreshStore(backend)
        try fresh.store.indexAlerts(sampleEntries())
        return fresh
    }

    @Test(arguments: StoreBackend.allCases) func recordedAlertIDsAnswersForManyAtOnce(
        backend: StoreBackend
    ) throws {
        let fresh = try storeWithSamples(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(try store.recordedAlertIDs(among: ["a1", "x", "a5", "a1"]) == ["a1", "a5"])
        #expect(try store.recordedAlertIDs(among: ["x", "y"]).isEmpty)
        #expect(try store.recordedAlertIDs(among: []).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases) func everyFieldRoundTrips(backend: StoreBackend) throws
    {
        let fresh = try storeWithSamples(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(try store.alertIndexEntry(alertID: "a4") == sampleEntries()[4])
        #expect(try store.alertIndexEntry(alertID: "missing") == nil)
        #expect(try store.alertIndexCount() == 6)
    }

    @Test(arguments: StoreBackend.allCases) func everythingComesNewestFirst(backend: StoreBackend)
        throws
    {
        let fresh = try storeWithSamples(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(
            try store.alerts(matching: AlertIndexFilter()).map(\.alertID) == [
                "a5", "a4", "a3", "a2", "a1", "a0",
            ])
        #expect(
            try store.alerts(matching: AlertIndexFilter(limit: 2)).map(\.alertID) == ["a5", "a4"])
    }

    static let filterCases: [(filter: AlertIndexFilter, expected: [String])] = [
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
    ]

    @Test(arguments: StoreBackend.allCases, filterCases)
    func filtersCombine(
        backend: StoreBackend, filterCase: (filter: AlertIndexFilter, expected: [String])
    ) throws {
        let fresh = try storeWithSamples(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(
            try store.alerts(matching: filterCase.filter).map(\.alertID) == filterCase.expected)
    }

    @Test(arguments: StoreBackend.allCases) func reindexingReplacesEntries(backend: StoreBackend)
        throws
    {
        let fresh = try storeWithSamples(backend)
        defer { fresh.remove() }
        let store = fresh.store
        var moved = sampleEntries()[0]
        moved.logFile = "alerts.jsonl.1"

        try store.indexAlerts([moved])
        #expect(try store.alertIndexEntry(alertID: "a0")?.logFile == "alerts.jsonl.1")
        #expect(try store.alertIndexCount() == 6)

        try store.clearAlertIndex()
        #expect(try store.alertIndexCount() == 0)
    }
}

/// The searched parts of the index: entities, text, and counts by day.
@Suite struct AlertIndexSearchTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    func entry(_ id: String, hour: Int, entities: [String], text: String) -> AlertIndexEntry {
        AlertIndexEntry(
            alertID: id, time: start.addingTimeInterval(Double(hour) * 3600), rule: "r",
            severity: "high", severityRank: 3, feed: "f", logFile: "alerts.jsonl",
            byteOffset: Int64(hour * 100), entities: entities, searchText: text)
    }

    @Test(arguments: StoreBackend.allCases)
    func reindexingAnEntryReplacesItsEntitiesAndTextAndKeepsItsPlace(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.indexAlerts([
            entry("a", hour: 0, entities: ["iskp"], text: "blast in kabul"),
            entry("b", hour: 0, entities: ["ttp"], text: "raid in bannu"),
        ])
        try store.indexAlerts([entry("a", hour: 0, entities: ["khalil-haqqani"], text: "minister")])

        #expect(try store.alerts(matching: AlertIndexFilter(entity: "iskp")).isEmpty)
        #expect(
            try store.alerts(matching: AlertIndexFilter(entity: "khalil-haqqani")).map(\.alertID)
                == ["a"])
        #expect(try store.alerts(matching: AlertIndexFilter(text: "kabul")).isEmpty)
        #expect(
            try store.alerts(matching: AlertIndexFilter(text: "MINIST")).map(\.alertID) == ["a"])
        // Equal times: the order the entries were first indexed in breaks the tie.
        #expect(try store.alerts(matching: AlertIndexFilter()).map(\.alertID) == ["b", "a"])
        #expect(try store.lastIndexedLine(inLogFile: "alerts.jsonl")?.alertID == "b")
    }

    @Test func aCommonEntityFiltersTheSameAsARareOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StoreUnderTest.open(folder.path("feedwatch.db"))
        // Every alert names "common", so it is checked per row; every 1000th
        // names "rare" too, which the planner starts from.
        let count = SQLiteStateStore.commonEntityAlerts + 1000
        try store.indexAlerts(
            (0..<count).map { index in
                entry(
                    "a\(index)", hour: index / 100,
                    entities: index % 1000 == 0 ? ["common", "rare"] : ["common"], text: "")
            })
        let newestRare = (0..<count).filter { $0 % 1000 == 0 }.reversed().map { "a\($0)" }

        #expect(
            try store.alerts(matching: AlertIndexFilter(entity: "common", limit: 3)).map(\.alertID)
                == ["a\(count - 1)", "a\(count - 2)", "a\(count - 3)"])
        #expect(
            try store.alerts(matching: AlertIndexFilter(entity: "rare", limit: 3)).map(\.alertID)
                == Array(newestRare.prefix(3)))
        let lastDay = AlertIndexFilter(
            since: start.addingTimeInterval(Double((count - 1) / 100 - 23) * 3600),
            entity: "common")
        #expect(try store.alertCount(matching: lastDay) == 2400)
        let counts = try store.alertCounts(matching: lastDay)
        #expect(counts.total == 2400)
        #expect(counts.byEntity == ["common": 2400, "rare": 2])
        #expect(try store.alertCounts(matching: AlertIndexFilter(entity: "common")).total == count)
    }

    @Test(arguments: StoreBackend.allCases) func clearingEmptiesEntitiesAndText(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.indexAlerts([entry("a", hour: 0, entities: ["iskp"], text: "blast in kabul")])
        try store.clearAlertIndex()
        try store.indexAlerts([entry("b", hour: 1, entities: [], text: "other")])

        #expect(try store.alerts(matching: AlertIndexFilter(entity: "iskp")).isEmpty)
        #expect(try store.alerts(matching: AlertIndexFilter(text: "kabul")).isEmpty)
        #expect(try store.alertCounts(matching: AlertIndexFilter()).byEntity.isEmpty)
    }

    @Test(arguments: StoreBackend.allCases) func countsByDayAreUTCDays(backend: StoreBackend) throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        // 1_790_000_000 is 2026-09-21T14:13:20Z: hours 0–9 that day, 10 and 34 later.
        try store.indexAlerts(
            [0, 9, 10, 34].map { entry("a\($0)", hour: $0, entities: [], text: "") })

        let counts = try store.alertCounts(matching: AlertIndexFilter())
        #expect(counts.byDay == ["2026-09-21": 2, "2026-09-22": 1, "2026-09-23": 1])
        #expect(counts.total == 4)
        #expect(counts.bySeverity == ["high": 4])
    }

    @Test func dayNumbersNameTheGregorianDate() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Every 13th day from 1970 to past 2100 crosses every month, leap years and 2100.
        for day in stride(from: 0, through: 50_000, by: 13) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + 86_399)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let expected = String(
                format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
            #expect(AlertDay.number(of: date) == day)
            #expect(AlertDay.text(of: day) == expected)
        }
    }
}
