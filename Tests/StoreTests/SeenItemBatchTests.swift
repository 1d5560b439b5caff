import Foundation
import Store
import Testing

/// A commit of many items, some listed twice (a feed repeating a guid), as
/// every backend stores it: once per item, as if written one after another.
@Suite struct SeenItemBatchTests {
    @Test(arguments: StoreBackend.allCases)
    func anItemTwiceInOneCommitKeepsItsFirstSeenAndTakesItsLastVersion(backend: StoreBackend)
        throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let first = SampleItems.seen(id: "dup", hash: "hash-1", firstSeen: SampleItems.epoch)
        var second = SampleItems.seen(
            id: "dup", hash: "hash-2", firstSeen: SampleItems.epoch + 60)
        second.item.title = "Edited, with \"quotes\", braces {} and a \\ backslash"
        second.item.authors = ["NULL", "a, b", ""]

        try store.markSeen(feed: "wire", items: [first, SampleItems.seen(id: "other"), second])

        #expect(try store.seenItems(feed: "wire") == ["dup": "hash-2", "other": "hash-1"])
        let archived = try store.archivedItems(since: .distantPast).first { $0.item.id == "dup" }
        #expect(archived?.firstSeen == SampleItems.epoch)
        #expect(archived?.item == second.item)
    }
}
