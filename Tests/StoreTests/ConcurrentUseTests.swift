import Foundation
import SQLiteStore
import Store
import Testing

@Suite struct ConcurrentUseTests {
    @Test func callsFromManyThreadsAreSerialized() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try StoreUnderTest.open(folder.path("feedwatch.db"))
        let failures = FailureCounter()

        DispatchQueue.concurrentPerform(iterations: 16) { worker in
            do {
                let feed = "feed-\(worker)"
                for batch in 0..<10 {
                    try store.markSeen(
                        feed: feed, items: [SampleItems.seen(id: "\(worker)-\(batch)")])
                    try store.saveFeedState(
                        FeedState(
                            name: feed, url: "https://example.org/\(worker)", itemCount: batch))
                    _ = try store.seenItems(feed: feed)
                }
            } catch {
                failures.record()
            }
        }

        #expect(failures.count == 0)
        #expect(try store.allFeedStates().count == 16)
        #expect(try store.archivedItems(since: .distantPast).count == 160)
    }
}

/// A counter several threads may bump.
private final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func record() {
        lock.lock()
        value += 1
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
