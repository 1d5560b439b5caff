import Foundation
import Store
import Testing

@testable import SQLiteStore

@Suite struct WALCheckpointerTests {
    @Test func onlyTheWriterStartsACheckpointer() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let writer = try SQLiteStateStore(path: path)
        try writer.saveFeedState(FeedState(name: "one", url: "https://example.org/feed"))

        // A review command and a `mute` beside a running monitor start no thread of their own.
        let reader = try SQLiteStateStore(path: path, access: .readOnly)
        let sideWriter = try SQLiteStateStore(path: path, access: .sideWrites)

        #expect(writer.checkpointer != nil)
        #expect(reader.checkpointer == nil)
        #expect(sideWriter.checkpointer == nil)
        #expect(try reader.feedState(name: "one") != nil)
    }

    @Test func closingTheStoreEndsTheCheckpointerAndRemovesTheLog() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        var store: SQLiteStateStore? = try SQLiteStateStore(path: path)
        let sizeBefore = try fileSize(path)
        try store?.saveFeedState(FeedState(name: "one", url: "https://example.org/feed"))

        // The checkpointer's copy of the log is what makes the file grow: the
        // writer's own checkpoint waits for 16,000 pages.
        var waited = 0
        while try fileSize(path) == sizeBefore, waited < 1_000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        #expect(try fileSize(path) > sizeBefore)

        store = nil

        // Only the last connection to close deletes the log: the checkpointer's closed first.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let reopened = try SQLiteStateStore(path: path)
        #expect(try reopened.allFeedStates().map(\.name) == ["one"])
    }

    @Test func aSideWriterClosingBesideTheWriterLeavesItsCheckpointsGoing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let writer = try SQLiteStateStore(path: path)
        do {
            let sideWriter = try SQLiteStateStore(path: path, access: .sideWrites)
            try sideWriter.saveFeedState(FeedState(name: "side", url: "https://example.org/a"))
        }
        try writer.saveFeedState(FeedState(name: "main", url: "https://example.org/b"))
        _ = try writer.vacuum()

        #expect(try writer.allFeedStates().map(\.name).sorted() == ["main", "side"])
        #expect(try fileSize(path + "-wal") == 0)
    }

    private func fileSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }
}
