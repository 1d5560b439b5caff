import Foundation
import Store
import Testing

@testable import SQLiteStore

/// Items seen before the state knew which are still in their feed count as
/// present until their feed's next body says otherwise: an upgrade forgets nothing.
@Suite struct SeenItemPresenceMigrationTests {
    @Test func itemsSeenBeforeTheUpgradeArePresentUntilTheNextBody() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        do {
            let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
            for migration in SchemaMigrations.all where migration.version <= 3 {
                try database.execute(migration.sql, purpose: "test: schema \(migration.version)")
            }
            try database.execute(
                """
                INSERT INTO seen_item (feed, item_id, content_hash, first_seen)
                VALUES ('wire', 'old-a', 'h', 0), ('wire', 'old-b', 'h', 0);
                PRAGMA user_version = 3;
                """, purpose: "test: old rows")
        }
        let store = try SQLiteStateStore(path: path)
        let now = Date(timeIntervalSinceReferenceDate: 1000 * 86_400)
        let everything = RetentionCutoffs(
            archiveBefore: now, forgetAbsentBefore: now, storiesBefore: now,
            finishedDeliveriesBefore: now)

        #expect(try store.prune(everything, at: now).seenItems == 0)
        #expect(try store.statistics().absentSeenItems == 0)

        try store.commit(
            PassCommit(feed: "wire", listing: FeedListing(itemIDs: ["old-b"], readAt: now)))
        let later = now.addingTimeInterval(1)
        #expect(
            try store.prune(
                RetentionCutoffs(
                    archiveBefore: later, forgetAbsentBefore: later, storiesBefore: later,
                    finishedDeliveriesBefore: later), at: later
            ).seenItems == 1)
        #expect(try store.seenItems(feed: "wire") == ["old-b": "h"])
    }
}
