import Foundation
import SQLiteStore
import Store
import Testing

@Suite struct FeedStateTests {
    @Test(arguments: StoreBackend.allCases) func everyFieldRoundTrips(backend: StoreBackend) throws
    {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let state = FeedState(
            name: "tolonews", url: "https://tolonews.com/rss.xml", etag: "W/\"abc\"",
            lastModified: "Wed, 25 Nov 2026 10:00:00 GMT", lastStatus: 503,
            lastError: "fetcher: 503",
            lastSuccess: Date(timeIntervalSince1970: 1_790_000_000),
            lastAttempt: Date(timeIntervalSince1970: 1_790_000_600),
            nextPoll: Date(timeIntervalSince1970: 1_790_001_200), consecutiveFailures: 3,
            itemCount: 42,
            movedTo: "https://tolonews.com/feed",
            retryAfter: Date(timeIntervalSince1970: 1_790_000_900),
            lastNewItem: Date(timeIntervalSince1970: 1_789_990_000), lastBytes: 51_234,
            lastDuration: 0.25,
            healthAlertSince: Date(timeIntervalSince1970: 1_790_000_300))

        try store.saveFeedState(state)

        #expect(try store.feedState(name: "tolonews") == state)
        #expect(try store.feedState(name: "unknown") == nil)
    }

    @Test(arguments: StoreBackend.allCases) func datesWithFractionsRoundTripExactly(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        // Fractions like these change in their last bit when converted to Unix seconds and back.
        let dates = (0..<50).map {
            Date(timeIntervalSinceReferenceDate: 800_000_000.000_1 + Double($0) * 0.001_3)
        }

        for (index, date) in dates.enumerated() {
            let state = FeedState(name: "feed-\(index)", url: "https://example.org", nextPoll: date)
            try store.saveFeedState(state)
            #expect(try store.feedState(name: state.name) == state)
        }
    }

    @Test(arguments: StoreBackend.allCases) func savingAgainReplacesAndClearsFields(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.saveFeedState(
            FeedState(
                name: "dawn", url: "https://www.dawn.com/feeds/home", lastError: "timeout",
                consecutiveFailures: 2))
        let recovered = FeedState(
            name: "dawn", url: "https://www.dawn.com/feeds/home", lastStatus: 200)

        try store.saveFeedState(recovered)

        #expect(try store.feedState(name: "dawn") == recovered)
        #expect(try store.allFeedStates().count == 1)
    }

    @Test(arguments: StoreBackend.allCases) func forgettingAFeedRemovesItsStateAndItems(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.saveFeedState(FeedState(name: "old", url: "https://old.example/feed"))
        try store.markSeen(feed: "old", items: [SampleItems.seen(id: "a")])
        try store.markSeen(feed: "kept", items: [SampleItems.seen(id: "b")])

        try store.forgetFeed(name: "old")

        #expect(try store.feedState(name: "old") == nil)
        #expect(try store.seenItems(feed: "old").isEmpty)
        #expect(try store.archivedItems(since: .distantPast).map(\.feed) == ["kept"])
    }
}
