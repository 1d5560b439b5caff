import FeedModel
import Foundation
import Store
import Testing

@testable import SQLiteStore

@Suite struct SeenItemsTests {
    @Test func markSeenRoundTripsHashesAndTheWholeItem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let first = SampleItems.seen(id: "one", firstSeen: SampleItems.epoch)
        let second = SampleItems.seen(
            id: "two", hash: "hash-2", firstSeen: SampleItems.epoch.addingTimeInterval(10))

        try store.markSeen(feed: "dawn", items: [second, first])

        #expect(try store.seenItems(feed: "dawn") == ["one": "hash-1", "two": "hash-2"])
        #expect(try store.seenItems(feed: "geo").isEmpty)
        let archived = try store.archivedItems(since: .distantPast)
        #expect(
            archived == [
                ArchivedItem(feed: "dawn", item: first.item, firstSeen: first.firstSeen),
                ArchivedItem(feed: "dawn", item: second.item, firstSeen: second.firstSeen),
            ])
        #expect(archived.first?.item.text.summary == "Summary of one & more")
    }

    @Test func anItemWithoutOptionalFieldsRoundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let bare = SeenItem(item: Item(id: "bare"), contentHash: "h", firstSeen: SampleItems.epoch)

        try store.markSeen(feed: "f", items: [bare])

        #expect(try store.archivedItems(since: .distantPast).map(\.item) == [bare.item])
    }

    @Test func aChangedItemKeepsItsFirstSeenButTakesTheNewHashAndText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        try store.markSeen(feed: "dawn", items: [SampleItems.seen(id: "one")])
        var changed = SampleItems.seen(
            id: "one", hash: "hash-2", firstSeen: SampleItems.epoch.addingTimeInterval(600))
        changed.item.text.title = "Updated: blast in Kabul"

        try store.markSeen(feed: "dawn", items: [changed])

        #expect(try store.seenItems(feed: "dawn") == ["one": "hash-2"])
        let archived = try store.archivedItems(since: .distantPast)
        #expect(archived.count == 1)
        #expect(archived.first?.item.text.title == "Updated: blast in Kabul")
        #expect(archived.first?.firstSeen == SampleItems.epoch)
    }

    @Test func archivedItemsSinceFiltersByFirstSeen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let items = (0..<5).map {
            SampleItems.seen(
                id: "i\($0)", firstSeen: SampleItems.epoch.addingTimeInterval(Double($0) * 3600))
        }
        try store.markSeen(feed: "bbc", items: items)

        let recent = try store.archivedItems(since: SampleItems.epoch.addingTimeInterval(2 * 3600))

        #expect(recent.map(\.item.id) == ["i2", "i3", "i4"])
    }

    @Test func pruningTheArchiveKeepsItemsSeen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        try store.markSeen(
            feed: "bbc",
            items: [
                SampleItems.seen(id: "old", firstSeen: SampleItems.epoch),
                SampleItems.seen(
                    id: "new", firstSeen: SampleItems.epoch.addingTimeInterval(86_400)),
            ])

        let pruned = try store.pruneArchive(before: SampleItems.epoch.addingTimeInterval(3600))

        #expect(pruned == 1)
        #expect(try store.archivedItems(since: .distantPast).map(\.item.id) == ["new"])
        #expect(try store.seenItems(feed: "bbc").keys.sorted() == ["new", "old"])
    }

    @Test func markingThousandsOfItemsIsFast() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let items = (0..<5000).map { SampleItems.seen(id: "item-\($0)") }

        let clock = ContinuousClock()
        let elapsed = try clock.measure { try store.markSeen(feed: "bulk", items: items) }

        #expect(try store.seenItems(feed: "bulk").count == 5000)
        // Thousands a second even in a debug build on a shared machine.
        #expect(elapsed < .seconds(5))
    }

    @Test func aFailedBatchStoresNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        let delivery = NewDelivery(
            alertID: "a1", sink: "ops", payload: Data("{}".utf8), firstAttempt: SampleItems.epoch,
            expiresAt: SampleItems.epoch.addingTimeInterval(86_400))
        let index = AlertIndexEntry(
            alertID: "a1", time: SampleItems.epoch, rule: "r", severity: "high", severityRank: 3,
            feed: "dawn",
            logFile: "alerts.jsonl", byteOffset: 0)
        // Drop the index table so the last step of the batch fails after the first ones ran.
        try store.serialized { () throws(StoreError) in
            try store.database.execute("DROP TABLE alert_index", purpose: "test")
        }

        #expect(throws: StoreError.self) {
            try store.commit(
                PassCommit(
                    feed: "dawn", seenItems: [SampleItems.seen(id: "one")],
                    alertIndexEntries: [index], deliveries: [delivery]))
        }

        #expect(try store.seenItems(feed: "dawn").isEmpty)
        #expect(try store.pendingDeliveryCount() == 0)
    }
}

@Suite struct StringListColumnTests {
    @Test(arguments: [
        [], [""], ["Reuters"], ["a, b", "c"], ["quote \" and \\ backslash"],
        ["line\nbreak\r\ttab", "\u{0}\u{1}\u{1F}"], ["Ḥaqqānī", "کابل", "🇦🇫 emoji"],
    ])
    func listsRoundTrip(list: [String]) {
        let encoded = StringListColumn.encode(list)
        #expect(StringListColumn.decode(encoded) == list)
        // What JSONSerialization reads back is what it would have written.
        let parsed = try? JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String]
        #expect(parsed == list)
    }
}
