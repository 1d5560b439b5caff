import FeedModel
import Foundation
import Store
import Testing

@Suite struct SeenItemsTests {
    @Test(arguments: StoreBackend.allCases) func markSeenRoundTripsHashesAndTheWholeItem(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
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

    @Test(arguments: StoreBackend.allCases) func anItemWithoutOptionalFieldsRoundTrips(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let bare = SeenItem(item: Item(id: "bare"), contentHash: "h", firstSeen: SampleItems.epoch)

        try store.markSeen(feed: "f", items: [bare])

        #expect(try store.archivedItems(since: .distantPast).map(\.item) == [bare.item])
    }

    @Test(arguments: StoreBackend.allCases)
    func aChangedItemKeepsItsFirstSeenButTakesTheNewHashAndText(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
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

    @Test(arguments: StoreBackend.allCases) func archivedItemsSinceFiltersByFirstSeen(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let items = (0..<5).map {
            SampleItems.seen(
                id: "i\($0)", firstSeen: SampleItems.epoch.addingTimeInterval(Double($0) * 3600))
        }
        try store.markSeen(feed: "bbc", items: items)

        let recent = try store.archivedItems(since: SampleItems.epoch.addingTimeInterval(2 * 3600))

        #expect(recent.map(\.item.id) == ["i2", "i3", "i4"])
    }

    @Test(arguments: StoreBackend.allCases) func pruningTheArchiveKeepsItemsSeen(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
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

    @Test(arguments: StoreBackend.allCases) func thousandsOfItemsAreMarkedInOneCommit(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let items = (0..<5000).map { SampleItems.seen(id: "item-\($0)") }

        // How fast is alertlog-benchmark's question; this one is whether all arrive.
        try store.markSeen(feed: "bulk", items: items)

        #expect(try store.seenItems(feed: "bulk").count == 5000)
        #expect(try store.archivedItems(since: .distantPast).count == 5000)
    }
}
