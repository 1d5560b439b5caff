import Foundation
import Store
import Testing

@testable import SQLiteStore

/// What the review desk keeps in the state: acknowledgements and evidence
/// copies beside the alert index (kept through a reindex), the filters that
/// leave alerts out, and the lookups that refuse a misspelt filter value.
@Suite struct ReviewDeskStoreTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// Five alerts: two rules on item i1 of dawn in one pass, then others.
    func entries() -> [AlertIndexEntry] {
        let rows: [(id: String, rule: String, feed: String, item: String, entity: String)] = [
            ("a0", "haqqani", "dawn", "i1", "khalil-haqqani"),
            ("a1", "kabul-attacks", "dawn", "i1", "khalil-haqqani"),
            ("a2", "haqqani", "wire", "i2", "khalil-haqqani"),
            ("a3", "iskp-claims", "wire", "i3", "iskp"),
            ("a4", "feed-health", "tolonews", "dark-1", ""),
        ]
        return rows.enumerated().map { offset, row in
            AlertIndexEntry(
                alertID: row.id, time: start.addingTimeInterval(Double(max(offset, 1)) * 60),
                rule: row.rule, severity: "high", severityRank: 3, feed: row.feed,
                story: "s-\(row.item)",
                title: "title \(row.id)", logFile: "alerts.jsonl", byteOffset: Int64(offset * 512),
                entities: row.entity.isEmpty ? [] : [row.entity],
                kind: row.rule == "feed-health" ? "feed-health" : "alert", itemID: row.item,
                published: start.addingTimeInterval(-3600))
        }
    }

    func ids(_ store: any ContractStore, _ filter: AlertIndexFilter) throws -> [String] {
        try store.alerts(matching: filter).map(\.alertID).sorted()
    }

    @Test(arguments: StoreBackend.allCases) func entriesKeepTheirItemAndPublishedTime(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.indexAlerts(entries())
        let entry = try #require(try store.alertIndexEntry(alertID: "a1"))
        #expect(entry.itemID == "i1")
        #expect(entry.published == start.addingTimeInterval(-3600))
    }

    @Test(arguments: StoreBackend.allCases) func exclusionsKindsAndAcknowledgementsFilter(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.indexAlerts(entries())
        var filter = AlertIndexFilter()
        filter.excludedRules = ["haqqani", "feed-health"]
        #expect(try ids(store, filter) == ["a1", "a3"])
        filter = AlertIndexFilter()
        filter.excludedFeeds = ["dawn"]
        #expect(try ids(store, filter) == ["a2", "a3", "a4"])
        filter = AlertIndexFilter()
        filter.excludedEntities = ["khalil-haqqani"]
        #expect(try ids(store, filter) == ["a3", "a4"])
        filter = AlertIndexFilter()
        filter.kinds = ["feed-health"]
        #expect(try ids(store, filter) == ["a4"])
        filter.kinds = ["alert", "escalation"]
        #expect(try store.alertCount(matching: filter) == 4)

        try store.acknowledge([
            AlertAcknowledgement(alertID: "a2", time: start, by: "ana", note: "called the desk")
        ])
        filter = AlertIndexFilter()
        filter.acknowledged = true
        #expect(try ids(store, filter) == ["a2"])
        #expect(try store.alertCounts(matching: filter).total == 1)
        filter.acknowledged = false
        #expect(try ids(store, filter) == ["a0", "a1", "a3", "a4"])
    }

    @Test(arguments: StoreBackend.allCases) func acknowledgementsAndEvidenceSurviveAReindex(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let evidence = AlertEvidence(
            alertID: "a0", ruleTitle: "Haqqani", ruleMatch: "@khalil-haqqani",
            title: "Khalil Haqqani killed", summary: "In Kabul, Khalil Haqqani…", content: "")
        try store.commit(PassCommit(alertIndexEntries: entries(), evidence: [evidence]))
        try store.acknowledge([AlertAcknowledgement(alertID: "a0", time: start, by: "ana")])

        try store.clearAlertIndex()
        try store.indexAlerts(entries())
        #expect(try store.evidence(alertID: "a0") == evidence)
        #expect(try store.acknowledgements(alertIDs: ["a0", "a1"]).keys.sorted() == ["a0"])
        #expect(try store.acknowledgedAlertIDs() == ["a0"])

        // The first copy stays: it is what the alert was raised on.
        var later = evidence
        later.title = "Khalil Haqqani killed, officials say"
        try store.commit(PassCommit(evidence: [later]))
        #expect(try store.evidence(alertID: "a0")?.title == "Khalil Haqqani killed")

        #expect(try store.removeAcknowledgement(alertID: "a0"))
        #expect(try !store.removeAcknowledgement(alertID: "a0"))
        #expect(try store.acknowledgedAlertIDs().isEmpty)
    }

    @Test(arguments: StoreBackend.allCases) func evidenceOutlivesTheArchive(backend: StoreBackend)
        throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.commit(
            PassCommit(
                feed: "dawn", seenItems: [SampleItems.seen(id: "i1")],
                alertIndexEntries: entries(),
                evidence: [AlertEvidence(alertID: "a0", title: "t", summary: "s", content: "c")]))
        #expect(try store.pruneArchive(before: Date().addingTimeInterval(86400)) == 1)
        #expect(try store.evidence(alertID: "a0")?.content == "c")
    }

    @Test func anAnnotatingStoreWritesAcknowledgementsBesideTheMonitor() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let monitor = try SQLiteStateStore(path: path)
        try monitor.indexAlerts(entries())
        // The monitor holds its lock; a person's acknowledgement still goes in.
        let desk = try SQLiteStateStore(path: path, access: .sideWrites)
        try desk.acknowledge([AlertAcknowledgement(alertID: "a3", time: start, note: "seen")])
        #expect(try monitor.acknowledgements(alertIDs: ["a3"])["a3"]?.note == "seen")
        // A read-only store writes nothing at all.
        let reader = try SQLiteStateStore(path: path, access: .readOnly)
        #expect(throws: StoreError.self) {
            try reader.acknowledge([AlertAcknowledgement(alertID: "a3", time: start)])
        }
    }

    @Test(arguments: StoreBackend.allCases) func indexedValuesAnswerWhetherAFilterNamesSomething(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.indexAlerts(entries())
        #expect(try store.alertIndexContains("haqqani", in: .rule))
        #expect(try !store.alertIndexContains("haqani", in: .rule))
        #expect(try store.alertIndexContains("iskp", in: .entity))
        #expect(try !store.alertIndexContains("haqqani", in: .entity))
        #expect(try store.alertIndexContains("s-i2", in: .story))
        #expect(try store.alertIndexValues(of: .feed) == ["dawn", "tolonews", "wire"])
        #expect(try store.alertIndexValues(of: .entity) == ["iskp", "khalil-haqqani"])
    }

    /// A state from before the review desk's step (5), or made between the
    /// delivery half's step (7) and it: its entries gain an empty item and
    /// published time, and the new tables start empty.
    @Test(arguments: [5, 7])
    func anOlderStateMigrates(from version: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        for migration in SchemaMigrations.all where migration.version <= version {
            try database.execute(migration.sql, purpose: "test: schema \(migration.version)")
        }
        try database.execute(
            """
            INSERT INTO alert_index (alert_id, time, day, rule, severity, severity_rank, feed,
                story, title, log_file, byte_offset, entities)
            VALUES ('old', 815000000, 0, 'haqqani', 'high', 3, 'wire', 's1', 'Old',
                'alerts.jsonl', 0, '');
            PRAGMA user_version = \(version);
            """, purpose: "test: old rows")
        let store = try SQLiteStateStore(path: path)
        let old = try #require(try store.alertIndexEntry(alertID: "old"))
        #expect(old.itemID == nil && old.published == nil)
        #expect(try store.evidence(alertID: "old") == nil)
        #expect(try store.acknowledgedAlertIDs().isEmpty)
        try store.acknowledge([AlertAcknowledgement(alertID: "old", time: start)])
        #expect(try store.acknowledgedAlertIDs() == ["old"])
    }
}
