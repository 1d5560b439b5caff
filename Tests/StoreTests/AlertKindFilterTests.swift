import Foundation
import Store
import Testing

/// The folded reports `alerts` leaves out: excluded from lists, counts and
/// statistics alike, counted by subtraction.
@Suite struct AlertKindFilterTests {
    @Test(arguments: StoreBackend.allCases) func anExcludedKindLeavesListsCountsAndStatistics(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let kinds = ["alert", "report", "report", "escalation", "alert"]
        try store.indexAlerts(
            kinds.enumerated().map { offset, kind in
                AlertIndexEntry(
                    alertID: "a\(offset)", time: start.addingTimeInterval(Double(offset) * 60),
                    rule: "kabul-attacks", severity: "high", severityRank: 3,
                    feed: offset == 2 ? "tolonews" : "dawn", story: "s-1", logFile: "alerts.jsonl",
                    byteOffset: Int64(offset * 512), entities: ["khalil-haqqani"], kind: kind)
            })
        let raised = AlertIndexFilter(excludedKind: "report")
        #expect(try store.alerts(matching: raised).map(\.alertID) == ["a4", "a3", "a0"])
        #expect(try store.alerts(matching: raised).map(\.kind) == ["alert", "escalation", "alert"])
        #expect(try store.alertCount(matching: raised) == 3)
        let counts = try store.alertCounts(matching: raised)
        #expect(counts.total == 3)
        #expect(counts.byFeed == ["dawn": 3])
        #expect(counts.byEntity == ["khalil-haqqani": 3])
        #expect(counts.byRule == ["kabul-attacks": 3])
        #expect(try store.alertCounts(matching: AlertIndexFilter()).total == 5)
        #expect(try store.alertCount(matching: AlertIndexFilter(feed: "tolonews")) == 1)
        var tolonews = raised
        tolonews.feed = "tolonews"
        #expect(try store.alertCount(matching: tolonews) == 0)
    }
}
