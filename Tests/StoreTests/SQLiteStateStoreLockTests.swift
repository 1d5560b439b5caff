import Foundation
import SQLiteStore
import Store
import Testing

@Suite struct SQLiteStateStoreLockTests {
    @Test func aSecondWriterIsRefusedWhileTheFirstLives() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let first = try SQLiteStateStore(path: path)

        #expect(throws: StoreError.locked(path: path)) { try SQLiteStateStore(path: path) }
        #expect(StoreError.locked(path: path).description.contains("in use by another feedwatch"))
        try first.saveFeedState(FeedState(name: "still", url: "https://example.org/feed"))
        #expect(try first.feedState(name: "still") != nil)
    }

    @Test func aWriterIsAllowedAfterTheFirstCloses() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        var first: SQLiteStateStore? = try SQLiteStateStore(path: path)
        try first?.saveFeedState(FeedState(name: "kept", url: "https://example.org/feed"))
        #expect(throws: StoreError.locked(path: path)) { try SQLiteStateStore(path: path) }

        first = nil

        let second = try SQLiteStateStore(path: path)
        #expect(try second.allFeedStates().map(\.name) == ["kept"])
    }

    @Test func aFailedOpenReleasesTheLock() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path))

        // Both attempts fail on the content, not on a lock left behind by the first.
        for _ in 0..<2 {
            do {
                _ = try SQLiteStateStore(path: path)
                Issue.record("opening garbage succeeded")
            } catch {
                #expect(error != .locked(path: path))
            }
        }
    }

    @Test func aReaderIsAllowedBesideTheWriterAndSeesItsCommits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let writer = try SQLiteStateStore(path: path)
        try writer.saveFeedState(
            FeedState(name: "bbc-world", url: "https://feeds.bbci.co.uk/news/world/rss.xml"))

        let reader = try SQLiteStateStore(path: path, access: .readOnly)

        #expect(
            try reader.feedState(name: "bbc-world")?.url
                == "https://feeds.bbci.co.uk/news/world/rss.xml")
        try writer.saveFeedState(FeedState(name: "dawn", url: "https://www.dawn.com/feeds/home"))
        #expect(try reader.allFeedStates().map(\.name) == ["bbc-world", "dawn"])
    }

    @Test func aReaderDoesNotBlockTheWriter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        do { _ = try SQLiteStateStore(path: path) }
        let reader = try SQLiteStateStore(path: path, access: .readOnly)

        let writer = try SQLiteStateStore(path: path)

        try writer.saveFeedState(FeedState(name: "geo", url: "https://www.geo.tv/rss/1/1"))
        #expect(try reader.feedState(name: "geo") != nil)
    }
}

/// The lock as another process sees it: a POSIX record lock on the same
/// byte, taken by Python's `fcntl.lockf`, conflicts with it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
struct SQLiteStateStoreLockAcrossProcessesTests {
    /// Whether another process can lock the byte the store locks without waiting.
    func anotherProcessCanLock(_ path: String) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            """
            import fcntl, os, sys
            fd = os.open(sys.argv[1], os.O_RDWR)
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 1 << 46, 0)
            """,
            path,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func anotherProcessIsRefusedWhileTheStoreLivesAndAllowedAfter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        var store: SQLiteStateStore? = try SQLiteStateStore(path: path)

        #expect(try !anotherProcessCanLock(path))
        // The holder of the lock goes on working meanwhile.
        try store?.saveFeedState(FeedState(name: "dawn", url: "https://www.dawn.com/feeds/home"))
        #expect(try store?.allFeedStates().map(\.name) == ["dawn"])
        // No file beside the database and SQLite's own can be deleted to get
        // past the lock (a lock file once could, as clean-up after a crash).
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.path(""))
        #expect(
            siblings.filter {
                !["", "-wal", "-shm", "-journal"].map({ "feedwatch.db" + $0 }).contains($0)
            }.isEmpty)
        #expect(throws: StoreError.locked(path: path)) { try SQLiteStateStore(path: path) }

        store = nil
        #expect(try anotherProcessCanLock(path))
    }
}
