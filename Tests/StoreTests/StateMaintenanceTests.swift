import FeedModel
import Foundation
import Store
import Testing

@testable import SQLiteStore

/// `state stats`, `state vacuum` and `state backup` at the store.
@Suite struct StateMaintenanceTests {
    let start = SampleItems.epoch

    /// A state with a little of every kind.
    func fill(_ store: any StateStore, items: Int) throws {
        try store.commit(
            PassCommit(
                feed: "wire",
                seenItems: (0..<items).map { SampleItems.seen(id: "item-\($0)", firstSeen: start) },
                alertIndexEntries: [
                    AlertIndexEntry(
                        alertID: "a1", time: start, rule: "r", severity: "high", severityRank: 3,
                        feed: "wire", logFile: "alerts.jsonl", byteOffset: 0, entities: ["e"],
                        searchText: "blast in kabul")
                ],
                deliveries: [
                    NewDelivery(
                        alertID: "a1", sink: "ops", payload: Data("{}".utf8), firstAttempt: start,
                        expiresAt: start.addingTimeInterval(86_400))
                ],
                stories: [
                    StoredStory(
                        id: "s1", firstSeen: start, lastSeen: start, feeds: ["wire"],
                        entities: ["e"], alertedRules: ["r"], members: Data(count: 512))
                ],
                feedStates: [FeedState(name: "wire", url: "https://example.org/wire")],
                listing: FeedListing(itemIDs: ["item-0"], readAt: start)))
    }

    @Test func statisticsCountRowsAndBytesPerKind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let writer = try StoreUnderTest.open(path)
        try fill(writer, items: 200)

        // Beside the monitor's open store, as `state stats` runs.
        let statistics = try SQLiteStateStore(path: path, access: .readOnly).statistics()

        let rows = Dictionary(uniqueKeysWithValues: statistics.kinds.map { ($0.name, $0.rows) })
        #expect(
            rows == [
                "seen_items": 200, "archived_items": 200, "stories": 1, "outbox": 1,
                "alerts_indexed": 1, "alert_evidence": 0, "acknowledgements": 0, "feed_states": 1,
            ])
        #expect(statistics.absentSeenItems == 199)
        #expect(statistics.pendingDeliveries == 1)
        #expect(statistics.fileBytes > 0)
        #expect(statistics.lastPrune == nil)
        // Debian's SQLite has dbstat: every page is someone's.
        let archived = try #require(statistics.kind("archived_items")?.bytes)
        let seen = try #require(statistics.kind("seen_items")?.bytes)
        #expect(archived > seen)
        let counted = statistics.kinds.compactMap(\.bytes).reduce(0, +)
        #expect(counted + (statistics.otherBytes ?? 0) == statistics.fileBytes)
    }

    @Test func vacuumGivesBackWhatRetentionFreed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StoreUnderTest.open(folder.path("feedwatch.db"))
        try fill(store, items: 2_000)
        let later = start.addingTimeInterval(100 * 86_400)
        try store.prune(
            RetentionCutoffs(
                archiveBefore: later, forgetAbsentBefore: later, storiesBefore: later,
                finishedDeliveriesBefore: later), at: later)
        let pruned = try store.statistics()
        #expect(pruned.freeBytes > 0)

        let result = try store.vacuum()

        #expect(result.bytesAfter < result.bytesBefore)
        #expect(try store.statistics().freeBytes == 0)
        #expect(try store.seenItems(feed: "wire") == ["item-0": "hash-1"])
    }

    @Test func aBackupIsOneConsistentMomentWhileAMonitorWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let monitor = try StoreUnderTest.open(path)
        try monitor.saveFeedState(FeedState(name: "wire", url: "https://example.org/wire"))
        let writer = ContinuousWriter(store: monitor)
        let thread = Thread { writer.run() }
        thread.start()
        defer { writer.stopAndWait() }
        try writer.waitForCommits(50)

        // Another connection, as `state backup` opens it: read-only, no lock.
        let reader = try SQLiteStateStore(path: path, access: .readOnly)
        for copy in 0..<3 {
            let backup = folder.path("backup-\(copy).db")
            try reader.backup(to: backup, replacing: false)
            let commitsBefore = writer.commits
            try writer.waitForCommits(commitsBefore + 20)

            // Every commit adds an item and sets the item count with it: a
            // torn copy would hold one without the other.
            let restored = try SQLiteStateStore(path: backup)
            let count = try #require(try restored.feedState(name: "wire")?.itemCount)
            #expect(count > 0)
            #expect(try restored.seenItems(feed: "wire").count == count)
            #expect(try restored.archivedItems(since: .distantPast).count == count)
            let integrity = try restored.database.withStatement(
                "PRAGMA integrity_check", purpose: "test: checking the copy"
            ) { statement throws(StoreError) in
                try statement.step() ? statement.string(at: 0) : ""
            }
            #expect(integrity == "ok")
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".partial-\(getpid())"))
    }

    @Test func aBackupReplacesAFileOnlyWhenAskedTo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StoreUnderTest.open(folder.path("feedwatch.db"))
        try fill(store, items: 3)
        let backup = folder.path("copy.db")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: backup))

        #expect(throws: StoreError.self) { try store.backup(to: backup, replacing: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == Data("precious".utf8))
        #expect(throws: StoreError.self) {
            try store.backup(to: folder.path("feedwatch.db"), replacing: true)
        }

        try store.backup(to: backup, replacing: true)
        #expect(
            try SQLiteStateStore(path: backup, access: .readOnly).seenItems(feed: "wire").count == 3
        )
    }
}

/// A monitor's commits on a thread of their own: one item and the feed's
/// item count in each, until stopped.
private final class ContinuousWriter: @unchecked Sendable {
    let store: any StateStore
    private let condition = NSCondition()
    private var stopped = false
    private var exited = false
    private var done = 0
    private var failure: (any Error)?

    init(store: any StateStore) { self.store = store }

    var commits: Int {
        condition.lock()
        defer { condition.unlock() }
        return done
    }

    func run() {
        defer {
            condition.lock()
            exited = true
            condition.broadcast()
            condition.unlock()
        }
        var number = 0
        while true {
            condition.lock()
            let stop = stopped
            condition.unlock()
            if stop { return }
            number += 1
            do {
                try store.commit(
                    PassCommit(
                        feed: "wire",
                        seenItems: [
                            SampleItems.seen(
                                id: "item-\(number)", firstSeen: SampleItems.epoch)
                        ],
                        feedStates: [
                            FeedState(
                                name: "wire", url: "https://example.org/wire", itemCount: number)
                        ]))
            } catch {
                condition.lock()
                failure = error
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.lock()
            done = number
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Waits until `count` commits are done; throws the writer's error if it failed.
    func waitForCommits(_ count: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(60)
        while done < count && failure == nil && condition.wait(until: deadline) {}
        if let failure { throw failure }
        if done < count { throw StoreError.database(path: "test", message: "the writer stalled") }
    }

    func stopAndWait() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        while !exited { condition.wait() }
    }
}
