import Foundation
import Store
import Testing

@testable import SQLiteStore

/// A store from before schema 5: its alerts gain a kind, its stories keep
/// everything but the MinHash signatures, which cannot become terms.
@Suite struct StoryMigrationTests {
    @Test func alertsGainTheirKindAndStoriesLoseOnlyTheirSignatures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        for migration in SchemaMigrations.all where migration.version <= 4 {
            try database.execute(migration.sql, purpose: "test: schema \(migration.version)")
        }
        try database.execute(
            """
            INSERT INTO alert_index (alert_id, time, day, rule, severity, severity_rank, feed,
                story, title, log_file, byte_offset, entities)
            VALUES
                ('raised', 815000000, 0, 'iskp-claim', 'high', 3, 'wire', 's1', 'ISKP claims',
                    'alerts.jsonl', 0, ''),
                ('dark', 815000100, 0, 'feed-health', 'high', 3, 'dawn', 'feed-health-dawn',
                    'Feed dawn has gone dark', 'alerts.jsonl', 300, '');
            INSERT INTO story (id, first_seen, last_seen, feeds, entities, alerted_rules, signatures)
            VALUES ('s1', 815000000, 815000500, '["dawn","wire"]', '["iskp"]', '["iskp-claim"]',
                x'0102030405060708');
            PRAGMA user_version = 4;
            """, purpose: "test: old rows")

        let store = try SQLiteStateStore(path: path)
        #expect(try store.alertIndexEntry(alertID: "raised")?.kind == "alert")
        #expect(try store.alertIndexEntry(alertID: "dark")?.kind == "feed-health")
        #expect(
            try store.alerts(matching: AlertIndexFilter(excludedKind: "feed-health")).map(\.alertID)
                == ["raised"])
        let story = try #require(try store.stories(ids: ["s1"]).first)
        #expect(story.feeds == ["dawn", "wire"])
        #expect(story.alertedRules == ["iskp-claim"])
        #expect(story.escalatedRules.isEmpty)
        #expect(story.members.isEmpty)
        #expect(try store.stories(lastSeenSince: nil).map(\.id) == ["s1"])
    }

    /// A fresh store runs every step: the retention columns of 4 and the kinds of 5.
    @Test func aFreshStoreHasTheRetentionColumnsAndTheKinds() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let version = try store.serialized { () throws(StoreError) in
            try store.database.integerPragma("user_version", purpose: "test")
        }
        #expect(version == SchemaMigrations.latestVersion)
        #expect(try store.statistics().absentSeenItems == 0)
        #expect(try store.alerts(matching: AlertIndexFilter(excludedKind: "feed-health")).isEmpty)
    }
}
