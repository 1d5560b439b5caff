import Foundation
import Store
import Testing

@testable import SQLiteStore

@Suite struct SQLiteStateStoreOpeningTests {
    @Test func createsTheFolderAndMigratesFromEmpty() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("nested/state/feedwatch.db")

        let store = try SQLiteStateStore(path: path)

        #expect(FileManager.default.fileExists(atPath: path))
        let version = try store.serialized { () throws(StoreError) in
            try store.database.integerPragma("user_version", purpose: "test")
        }
        #expect(version == SchemaMigrations.latestVersion)
        let journal = try store.serialized { () throws(StoreError) in
            try store.database.setPragma("journal_mode", to: "WAL", purpose: "test")
        }
        #expect(journal == "wal")
        #expect(try store.allFeedStates().isEmpty)
    }

    @Test func reopeningKeepsTheData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        do {
            let store = try SQLiteStateStore(path: path)
            try store.saveFeedState(
                FeedState(name: "dawn", url: "https://www.dawn.com/feeds/home", etag: "\"v1\""))
        }

        let reopened = try SQLiteStateStore(path: path)

        #expect(try reopened.feedState(name: "dawn")?.etag == "\"v1\"")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        try setUserVersion(SchemaMigrations.latestVersion + 7, path: path)

        #expect(
            throws: StoreError.newerSchema(
                path: path, found: SchemaMigrations.latestVersion + 7,
                supported: SchemaMigrations.latestVersion)
        ) {
            try SQLiteStateStore(path: path)
        }
        let message = StoreError.newerSchema(path: path, found: 9, supported: 1).description
        #expect(message.hasPrefix("store: \(path)"))
        #expect(message.contains("upgrade feedwatch"))
    }

    @Test func aGarbageFileGivesAClearErrorNotACrash() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        try garbage.write(to: URL(fileURLWithPath: path))

        do {
            _ = try SQLiteStateStore(path: path)
            Issue.record("opening garbage succeeded")
        } catch {
            guard case .corrupt(let reportedPath, let reason) = error else {
                Issue.record("expected .corrupt, got \(error)")
                return
            }
            #expect(reportedPath == path)
            #expect(reason.contains("not a database"))
            #expect(error.description.contains("move it aside"))
        }
        do {
            _ = try SQLiteStateStore(path: path, access: .readOnly)
            Issue.record("read-only opening of garbage succeeded")
        } catch {
            #expect(error.description.contains(path))
        }
    }

    @Test func readOnlyNeedsAnExistingDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("missing.db")

        #expect(throws: StoreError.self) { try SQLiteStateStore(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readOnlyRefusesAnUnmigratedDatabase() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        try setUserVersion(0, path: path)

        do {
            _ = try SQLiteStateStore(path: path, access: .readOnly)
            Issue.record("opened an unmigrated database read-only")
        } catch {
            #expect(error.description.contains("run the monitor once to upgrade it"))
        }
    }

    @Test func anEmptyPathIsRefused() {
        #expect(throws: StoreError.cannotOpen(path: "", reason: "the state path is empty")) {
            try SQLiteStateStore(path: "")
        }
    }

    @Test func readOnlyRefusesWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        _ = try SQLiteStateStore(path: path)

        let reader = try SQLiteStateStore(path: path, access: .readOnly)

        #expect(throws: StoreError.self) {
            try reader.saveFeedState(FeedState(name: "x", url: "https://x.org"))
        }
        #expect(try reader.allFeedStates().isEmpty)
    }

    /// Writes a bare SQLite file whose user_version claims a future schema.
    private func setUserVersion(_ version: Int, path: String) throws {
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try database.execute("PRAGMA user_version = \(version)", purpose: "test")
    }
}
