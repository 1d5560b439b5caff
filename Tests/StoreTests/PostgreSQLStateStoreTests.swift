import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import Store
import Testing

/// What only a shared state must do: several monitors on one database.
@Suite struct PostgreSQLStateStoreTests {
    let now = SampleItems.epoch

    func turn(alert: String, item: String) -> PassCommit {
        PassCommit(
            feed: "dawn", seenItems: [SampleItems.seen(id: item)],
            alertIndexEntries: [
                AlertIndexEntry(
                    alertID: alert, time: now, rule: "kabul-attacks", severity: "high",
                    severityRank: 3, feed: "dawn", logFile: "alerts.jsonl", byteOffset: 0)
            ])
    }

    @Test func twoMonitorsCommittingTheSameAlertIndexItOnce() throws {
        let database = try TestPostgreSQL.newDatabase()
        let first = try PostgreSQLStateStore(url: database.url, password: database.password)
        let second = try PostgreSQLStateStore(url: database.url, password: database.password)

        try first.commit(turn(alert: "a1", item: "one"))
        try second.commit(turn(alert: "a1", item: "one"))

        #expect(try first.alertIndexCount() == 1)
        #expect(try second.recordedAlertIDs(among: ["a1"]) == ["a1"])
        #expect(try second.seenItems(feed: "dawn") == ["one": "hash-1"])
    }

    @Test func monitorsStartingTogetherMigrateOnce() async throws {
        let database = try TestPostgreSQL.newDatabase()

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    _ = try PostgreSQLStateStore(url: database.url, password: database.password)
                }
            }
            try await group.waitForAll()
        }

        let rows = try database.connect().execute("SELECT version FROM schema_version")
        let versions = try rows.map { try $0.int(0) }
        // Every step once, in order.
        #expect(versions.count >= 2)
        #expect(versions == Array(1..<versions.count + 1))
    }

    @Test func aReviewBesideTheMonitorReadsButNeverWrites() throws {
        let database = try TestPostgreSQL.newDatabase()
        let monitor = try PostgreSQLStateStore(url: database.url, password: database.password)
        try monitor.commit(turn(alert: "a1", item: "one"))

        let review = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)

        #expect(try review.alertIndexEntry(alertID: "a1")?.rule == "kabul-attacks")
        #expect(throws: StoreError.self) { try review.commit(turn(alert: "a2", item: "two")) }
        #expect(try monitor.alertIndexCount() == 1)
    }

    @Test func aReviewOfAnEmptyDatabaseSaysNoMonitorRanYet() throws {
        let database = try TestPostgreSQL.newDatabase()

        let refused = #expect(throws: StoreError.self) {
            try PostgreSQLStateStore(
                url: database.url, password: database.password, access: .readOnly)
        }

        #expect(refused?.description.contains("no monitor has run on it") == true)
        #expect(refused?.description.contains(database.name) == true)
    }

    @Test func aDatabaseFromANewerFeedwatchIsRefused() throws {
        let database = try TestPostgreSQL.newDatabase()
        _ = try PostgreSQLStateStore(url: database.url, password: database.password)
        let connection = try database.connect()
        let latest = try connection.execute("SELECT max(version) FROM schema_version")[0].int(0)
        try connection.execute("INSERT INTO schema_version (version) VALUES (99)")

        #expect(
            throws: StoreError.newerSchema(path: target(database), found: 99, supported: latest)
        ) {
            try PostgreSQLStateStore(url: database.url, password: database.password)
        }
    }

    @Test func anUnreachableServerIsACannotOpenNamingIt() throws {
        let database = try TestPostgreSQL.newDatabase()

        let refused = #expect(throws: StoreError.self) {
            try PostgreSQLStateStore(url: database.url, password: "wrong")
        }

        guard case .cannotOpen(let path, let reason) = refused else {
            Issue.record("expected cannotOpen, got \(String(describing: refused))")
            return
        }
        #expect(path == target(database))
        #expect(reason.contains("password authentication failed"))
    }

    @Test func statisticsCountEveryKindAndVacuumKeepsTheRows() throws {
        let database = try TestPostgreSQL.newDatabase()
        let store = try PostgreSQLStateStore(url: database.url, password: database.password)
        try store.commit(turn(alert: "a1", item: "one"))
        try store.commit(turn(alert: "a2", item: "two"))
        try store.saveFeedState(FeedState(name: "dawn", url: "https://dawn.example/feed"))

        let statistics = try store.statistics()

        #expect(statistics.location == target(database))
        #expect(
            statistics.kinds.map(\.name) == [
                "seen_items", "archived_items", "stories", "outbox", "alerts_indexed",
                "alert_evidence", "acknowledgements", "feed_states",
            ])
        #expect(statistics.kind("seen_items")?.rows == 2)
        #expect(statistics.kind("alerts_indexed")?.rows == 2)
        #expect(statistics.kind("feed_states")?.rows == 1)
        #expect((statistics.kind("seen_items")?.bytes ?? 0) > 0)
        #expect(statistics.fileBytes >= statistics.kinds.compactMap(\.bytes).reduce(0, +))

        let vacuumed = try store.vacuum()

        #expect(vacuumed.bytesAfter > 0)
        #expect(try store.statistics().kind("seen_items")?.rows == 2)
        #expect(throws: StoreError.self) { try store.backup(to: "/tmp/copy", replacing: false) }
    }

    private func target(_ database: TestDatabase) -> String {
        "feedwatch@127.0.0.1:\(database.cluster.port)/\(database.name)"
    }
}
