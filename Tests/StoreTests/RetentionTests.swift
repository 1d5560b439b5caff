import Foundation
import Store
import Testing

/// Retention over the store: what each cutoff drops, and what it never does.
@Suite struct RetentionTests {
    let day: TimeInterval = 86_400
    let start = SampleItems.epoch

    /// Cutoffs that keep everything but the kind under test.
    func cutoffs(
        archive: Date = .distantPast, forget: Date = .distantPast, stories: Date = .distantPast,
        deliveries: Date = .distantPast
    ) -> RetentionCutoffs {
        RetentionCutoffs(
            archiveBefore: archive, forgetAbsentBefore: forget, storiesBefore: stories,
            finishedDeliveriesBefore: deliveries)
    }

    /// A feed's turn that read a body listing `listed`, of which `new` are first seen now.
    func read(
        _ store: any ContractStore, feed: String = "wire", new: [String] = [], listed: [String],
        at time: Date
    ) throws {
        try store.commit(
            PassCommit(
                feed: feed, seenItems: new.map { SampleItems.seen(id: $0, firstSeen: time) },
                listing: FeedListing(itemIDs: listed, readAt: time)))
    }

    @Test(arguments: StoreBackend.allCases) func anItemStillInItsFeedIsNeverForgottenHoweverOld(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, new: ["kept", "gone"], listed: ["kept", "gone"], at: start)
        try read(store, listed: ["kept"], at: start.addingTimeInterval(day))
        // A year of 304s and failures: no body, so nothing about presence changes.
        try store.saveFeedState(FeedState(name: "wire", url: "https://example.org/wire"))

        let result = try store.prune(
            cutoffs(forget: start.addingTimeInterval(365 * day)),
            at: start.addingTimeInterval(455 * day))

        #expect(result.seenItems == 1)
        #expect(try store.seenItems(feed: "wire").keys.sorted() == ["kept"])
    }

    @Test(arguments: StoreBackend.allCases)
    func anItemIsForgottenOnlyOnceAbsentForLongerThanTheCutoff(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, new: ["a", "b"], listed: ["a", "b"], at: start)
        let left = start.addingTimeInterval(10 * day)
        try read(store, listed: ["a"], at: left)

        // Absent for exactly the cutoff's age is not yet longer than it.
        #expect(try store.prune(cutoffs(forget: left), at: left).seenItems == 0)
        #expect(try store.seenItems(feed: "wire").count == 2)
        #expect(
            try store.prune(cutoffs(forget: left.addingTimeInterval(1)), at: left).seenItems == 1)
        #expect(try store.seenItems(feed: "wire").keys.sorted() == ["a"])
    }

    @Test(arguments: StoreBackend.allCases) func anItemBackInItsFeedIsPresentAgain(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, new: ["a", "b"], listed: ["a", "b"], at: start)
        try read(store, listed: ["a"], at: start.addingTimeInterval(day))
        // A feed that pages items in and out: b is listed again.
        try read(store, listed: ["b"], at: start.addingTimeInterval(2 * day))

        let result = try store.prune(
            cutoffs(forget: start.addingTimeInterval(100 * day)),
            at: start.addingTimeInterval(100 * day))

        #expect(result.seenItems == 1)
        #expect(try store.seenItems(feed: "wire").keys.sorted() == ["b"])
    }

    @Test(arguments: StoreBackend.allCases) func aListingConcernsItsOwnFeedOnly(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, feed: "wire", new: ["same-id"], listed: ["same-id"], at: start)
        try read(store, feed: "dawn", new: ["same-id"], listed: ["same-id"], at: start)
        try read(store, feed: "dawn", listed: [], at: start.addingTimeInterval(day))

        try store.prune(
            cutoffs(forget: start.addingTimeInterval(50 * day)),
            at: start.addingTimeInterval(50 * day))

        #expect(try store.seenItems(feed: "wire") == ["same-id": "hash-1"])
        #expect(try store.seenItems(feed: "dawn").isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func archivePruningKeepsTheTextsWithinArchiveAndTheItemsSeen(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        for age in 0..<40 {
            let time = start.addingTimeInterval(Double(age) * day)
            try read(store, new: ["item-\(age)"], listed: ["item-\(age)"], at: time)
        }
        let now = start.addingTimeInterval(40 * day)
        let archiveBefore = now.addingTimeInterval(-30 * day)

        let result = try store.prune(cutoffs(archive: archiveBefore), at: now)

        #expect(result.archivedItems == 10)
        // What `replay --since 30d` reads is all there.
        let replayable = try store.archivedItems(since: archiveBefore)
        #expect(replayable.map(\.item.id) == (10..<40).map { "item-\($0)" })
        #expect(try store.archivedItems(since: .distantPast).count == 30)
        // Their items stay seen, so nothing alerts again.
        #expect(try store.seenItems(feed: "wire").count == 40)
    }

    @Test(arguments: StoreBackend.allCases) func aForgottenItemTakesItsArchivedTextWithIt(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, new: ["a", "b"], listed: ["a", "b"], at: start)
        try read(store, listed: ["b"], at: start.addingTimeInterval(day))

        let result = try store.prune(
            cutoffs(forget: start.addingTimeInterval(2 * day)),
            at: start.addingTimeInterval(2 * day))

        #expect(result == PruneResult(seenItems: 1))
        #expect(try store.archivedItems(since: .distantPast).map(\.item.id) == ["b"])
    }

    @Test(arguments: StoreBackend.allCases)
    func outboxPruningDropsFinishedDeliveriesAndNeverPendingOnes(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        for alert in ["delivered-long-ago", "dead-long-ago", "pending-long-ago", "delivered-now"] {
            try store.enqueueDelivery(
                NewDelivery(
                    alertID: alert, sink: "ops", payload: Data("{}".utf8), firstAttempt: start,
                    expiresAt: start.addingTimeInterval(day)))
        }
        let ids = Dictionary(
            uniqueKeysWithValues: try store.dueDeliveries(now: start).map { ($0.alertID, $0.id) })
        try store.markDelivered(id: try #require(ids["delivered-long-ago"]), at: start)
        try store.markDead(id: try #require(ids["dead-long-ago"]), reason: "HTTP 410", at: start)
        let now = start.addingTimeInterval(60 * day)
        try store.markDelivered(id: try #require(ids["delivered-now"]), at: now)
        // Long past its expiry, and never given up: still pending, so kept.
        #expect(try store.pendingDeliveryCount() == 1)

        let result = try store.prune(
            cutoffs(deliveries: now.addingTimeInterval(-30 * day)), at: now)

        #expect(result.deliveries == 2)
        #expect(try store.deliveries(alertID: "pending-long-ago").map(\.status) == [.pending])
        #expect(try store.deliveries(alertID: "delivered-now").map(\.status) == [.delivered])
        #expect(try store.deliveries(alertID: "delivered-long-ago").isEmpty)
        #expect(try store.deliveries(alertID: "dead-long-ago").isEmpty)
    }

    @Test(arguments: StoreBackend.allCases) func storiesFirstSeenBeforeTheCutoffAreDropped(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        let stories = [0, 3].map { age in
            StoredStory(
                id: "s-\(age)", firstSeen: start.addingTimeInterval(Double(age) * day),
                lastSeen: start.addingTimeInterval(Double(age) * day), feeds: ["wire"],
                entities: [], alertedRules: ["r"], members: Data([1, 2, 3]))
        }
        try store.saveStories(stories)

        let result = try store.prune(
            cutoffs(stories: start.addingTimeInterval(2 * day)),
            at: start.addingTimeInterval(4 * day))

        #expect(result.stories == 1)
        #expect(try store.stories(since: .distantPast).map(\.id) == ["s-3"])
    }

    @Test(arguments: StoreBackend.allCases)
    func aPruneCutShortIsTakenUpAgainAndRecordsItsTimeWhenDone(backend: StoreBackend) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try read(store, new: (0..<10).map { "item-\($0)" }, listed: [], at: start)
        let now = start.addingTimeInterval(100 * day)
        let due = cutoffs(archive: now, forget: now)
        #expect(try store.lastPruneTime() == nil)

        let first = try store.prune(due, at: now, rowLimit: 4)
        #expect(first == PruneResult(archivedItems: 4, complete: false))
        #expect(try store.lastPruneTime() == nil)

        let rest = try store.prune(due, at: now, rowLimit: nil)
        #expect(rest == PruneResult(archivedItems: 6, seenItems: 10))
        #expect(try store.lastPruneTime() == now)
        #expect(try store.seenItems(feed: "wire").isEmpty)
    }
}
