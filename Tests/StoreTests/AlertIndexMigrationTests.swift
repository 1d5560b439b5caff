import Foundation
import Store
import Testing

@testable import SQLiteStore

/// A store from before schema 3 keeps its alert index through the migration.
@Suite struct AlertIndexMigrationTests {
    /// A database at schema 2 with two alerts indexed the old way.
    func writeVersion2Database(at path: String) throws {
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        for migration in SchemaMigrations.all where migration.version <= 2 {
            try database.execute(migration.sql, purpose: "test: schema \(migration.version)")
        }
        try database.execute(
            """
            INSERT INTO alert_index (alert_id, time, rule, severity, severity_rank, feed, story,
                title, log_file, byte_offset, entities, search_text)
            VALUES
                ('old', 815000000, 'iskp-claim', 'high', 3, 'wire', 's1', 'ISKP claims blast',
                    'alerts.jsonl.1', 0, ' iskp khalil-haqqani ', 'iskp claims blast in kabul'),
                ('new', 815090000, 'ttp-attack', 'medium', 2, 'dawn', NULL, 'Raid in Bannu',
                    'alerts.jsonl', 512, '  ', 'raid in bannu');
            PRAGMA user_version = 2;
            """, purpose: "test: old rows")
    }

    @Test func entriesEntitiesAndTextSurvive() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        try writeVersion2Database(at: path)

        let store = try SQLiteStateStore(path: path)

        #expect(try store.alerts(matching: AlertIndexFilter()).map(\.alertID) == ["new", "old"])
        let old = try store.alertIndexEntry(alertID: "old")
        #expect(old?.entities == ["iskp", "khalil-haqqani"])
        #expect(old?.logFile == "alerts.jsonl.1")
        #expect(old?.title == "ISKP claims blast")
        #expect(
            try store.alerts(matching: AlertIndexFilter(entity: "khalil-haqqani")).map(\.alertID)
                == ["old"])
        #expect(
            try store.alerts(matching: AlertIndexFilter(text: "Bannu")).map(\.alertID) == ["new"])
        let counts = try store.alertCounts(matching: AlertIndexFilter())
        #expect(counts.byEntity == ["iskp": 1, "khalil-haqqani": 1])
        // 815000000 s after 2001 is 2026-10-29T18:53:20Z; 90,000 s later is the next day.
        #expect(counts.byDay == ["2026-10-29": 1, "2026-10-30": 1])
        #expect(try store.lastIndexedLine(inLogFile: "alerts.jsonl")?.alertID == "new")
    }
}
