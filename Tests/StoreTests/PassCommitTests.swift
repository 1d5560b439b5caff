import Foundation
import Store
import Testing

@testable import SQLiteStore

/// A feed's turn of a pass is stored whole or not at all, and storing it
/// twice (a pass repeated after a crash) stores it once.
@Suite struct PassCommitTests {
    let now = SampleItems.epoch

    func turn(item: String = "one", alert: String = "a1", logFile: String = "alerts.jsonl")
        -> PassCommit
    {
        PassCommit(
            feed: "dawn", seenItems: [SampleItems.seen(id: item)],
            alertIndexEntries: [
                AlertIndexEntry(
                    alertID: alert, time: now, rule: "kabul-attacks", severity: "high",
                    severityRank: 3, feed: "dawn", story: "s-1", logFile: logFile, byteOffset: 0)
            ],
            deliveries: [
                NewDelivery(
                    alertID: alert, sink: "ops", payload: Data("{}".utf8), firstAttempt: now,
                    expiresAt: now.addingTimeInterval(86_400))
            ],
            stories: [
                StoredStory(
                    id: "s-1", firstSeen: now, lastSeen: now, feeds: ["dawn"], entities: ["iskp"],
                    alertedRules: ["kabul-attacks"], members: Data([1, 2, 3]))
            ],
            feedStates: [
                FeedState(name: "dawn", url: "https://www.dawn.com/feeds/home", etag: "\"v2\"")
            ])
    }

    @Test(arguments: StoreBackend.allCases) func everyPartIsStored(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store

        try store.commit(turn())

        #expect(try store.seenItems(feed: "dawn") == ["one": "hash-1"])
        #expect(try store.archivedItems(since: .distantPast).map(\.item.id) == ["one"])
        #expect(try store.archivedItem(feed: "dawn", itemID: "one")?.item.id == "one")
        #expect(try store.archivedItem(feed: "dawn", itemID: "two") == nil)
        #expect(try store.archivedItem(feed: "tolonews", itemID: "one") == nil)
        #expect(try store.alertIndexEntry(alertID: "a1")?.story == "s-1")
        #expect(try store.deliveries(alertID: "a1").map(\.sink) == ["ops"])
        #expect(try store.stories(since: .distantPast) == turn().stories)
        #expect(try store.feedState(name: "dawn")?.etag == "\"v2\"")
    }

    @Test func theSameTurnTwiceIsStoredOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StoreUnderTest.open(folder.path("feedwatch.db"))

        try store.commit(turn())
        var again = turn()
        again.seenItems[0].firstSeen = now.addingTimeInterval(600)
        try store.commit(again)

        #expect(try store.seenItems(feed: "dawn").count == 1)
        #expect(try store.archivedItems(since: .distantPast).map(\.firstSeen) == [now])
        #expect(try store.alertIndexCount() == 1)
        #expect(try store.deliveries(alertID: "a1").count == 1)
        #expect(try store.pendingDeliveryCount() == 1)
        #expect(try store.stories(since: .distantPast).count == 1)
        #expect(try store.allFeedStates().count == 1)
    }

    @Test(arguments: StoreBackend.allCases) func aLogRenameTakesTheTurnsOwnEntriesAlong(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.commit(turn(item: "one", alert: "a1"))

        var rotated = turn(item: "two", alert: "a2")
        rotated.logRename = LogFileRename(from: "alerts.jsonl", to: "alerts.jsonl.1")
        try store.commit(rotated)

        #expect(try store.alertIndexEntry(alertID: "a1")?.logFile == "alerts.jsonl.1")
        #expect(try store.alertIndexEntry(alertID: "a2")?.logFile == "alerts.jsonl.1")
        #expect(try store.lastIndexedLine(inLogFile: "alerts.jsonl") == nil)
    }

    @Test(arguments: StoreBackend.allCases) func anEmptyCommitChangesNothing(backend: StoreBackend)
        throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store

        try store.commit(PassCommit(feed: "dawn"))

        #expect(PassCommit(feed: "dawn").isEmpty)
        #expect(try store.allFeedStates().isEmpty)
    }

    @Test func aFailingPartStoresNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        // The feed state is written last: refusing it undoes every part before it.
        try store.serialized { () throws(StoreError) in
            try store.database.execute(
                """
                CREATE TRIGGER refuse BEFORE INSERT ON feed_state
                BEGIN SELECT RAISE(ABORT, 'the test refuses feed states'); END
                """, purpose: "test")
        }

        #expect(throws: StoreError.self) { try store.commit(turn()) }

        #expect(try store.seenItems(feed: "dawn").isEmpty)
        #expect(try store.archivedItems(since: .distantPast).isEmpty)
        #expect(try store.alertIndexCount() == 0)
        #expect(try store.pendingDeliveryCount() == 0)
        #expect(try store.stories(since: .distantPast).isEmpty)
    }
}
