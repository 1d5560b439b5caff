import Foundation
import SQLiteStore
import Store
import Testing

@Suite struct OutboxTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func delivery(_ alertID: String, sink: String = "ops", dueIn delay: TimeInterval = 0)
        -> NewDelivery
    {
        NewDelivery(
            alertID: alertID, sink: sink, payload: Data("{\"id\":\"\(alertID)\"}".utf8),
            firstAttempt: now.addingTimeInterval(delay), expiresAt: now.addingTimeInterval(86_400),
            createdAt: now)
    }

    @Test(arguments: StoreBackend.allCases) func aDeliveryGoesFromPendingToDelivered(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(try store.enqueueDelivery(delivery("a1")))
        #expect(try store.pendingDeliveryCount() == 1)
        let due = try store.dueDeliveries(now: now)
        #expect(due.count == 1)
        let queued = try #require(due.first)
        #expect(queued.alertID == "a1")
        #expect(queued.sink == "ops")
        #expect(queued.payload == Data("{\"id\":\"a1\"}".utf8))
        #expect(queued.status == .pending)
        #expect(queued.attempts == 0)
        #expect(queued.createdAt == now)

        try store.markDelivered(id: queued.id, at: now.addingTimeInterval(1))

        #expect(try store.pendingDeliveryCount() == 0)
        #expect(try store.dueDeliveries(now: now.addingTimeInterval(10)).isEmpty)
        let stored = try #require(try store.deliveries(alertID: "a1").first)
        #expect(stored.status == .delivered)
        #expect(stored.attempts == 1)
        #expect(stored.finishedAt == now.addingTimeInterval(1))
    }

    @Test(arguments: StoreBackend.allCases) func aFailedAttemptWaitsForItsNextTimeAndCountsAttempts(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.enqueueDelivery(delivery("a1"))
        let id = try #require(try store.dueDeliveries(now: now).first?.id)

        try store.markFailed(id: id, nextAttempt: now.addingTimeInterval(30), error: "HTTP 503")

        #expect(try store.dueDeliveries(now: now.addingTimeInterval(29)).isEmpty)
        #expect(try store.nextDeliveryTime() == now.addingTimeInterval(30))
        let retried = try #require(try store.dueDeliveries(now: now.addingTimeInterval(30)).first)
        #expect(retried.attempts == 1)
        #expect(retried.lastError == "HTTP 503")
        #expect(retried.status == .pending)
    }

    @Test(arguments: StoreBackend.allCases) func aDeadDeliveryKeepsItsReasonAndLeavesTheQueue(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.enqueueDelivery(delivery("a1"))
        let id = try #require(try store.dueDeliveries(now: now).first?.id)

        try store.markDead(id: id, reason: "HTTP 404 Not Found", at: now)

        #expect(try store.pendingDeliveryCount() == 0)
        let dead = try #require(try store.deliveries(alertID: "a1").first)
        #expect(dead.status == .dead)
        #expect(dead.lastError == "HTTP 404 Not Found")
        #expect(throws: StoreError.self) { try store.markDelivered(id: id, at: now) }
    }

    @Test(arguments: StoreBackend.allCases) func theSameAlertAndSinkIsQueuedOnce(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store

        #expect(try store.enqueueDelivery(delivery("a1", sink: "ops")))
        #expect(try !store.enqueueDelivery(delivery("a1", sink: "ops")))
        #expect(try store.enqueueDelivery(delivery("a1", sink: "team")))

        #expect(try store.deliveries(alertID: "a1").map(\.sink) == ["ops", "team"])
    }

    @Test(arguments: StoreBackend.allCases) func dueComesMostOverdueFirstWithinTheLimit(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.enqueueDelivery(delivery("later", dueIn: 20))
        try store.enqueueDelivery(delivery("first", dueIn: -60))
        try store.enqueueDelivery(delivery("second", dueIn: -30))
        try store.enqueueDelivery(delivery("future", dueIn: 3600))

        #expect(
            try store.dueDeliveries(now: now.addingTimeInterval(20), limit: 2).map(\.alertID) == [
                "first", "second",
            ])
        #expect(
            try store.dueDeliveries(now: now.addingTimeInterval(20)).map(\.alertID) == [
                "first", "second", "later",
            ])
    }

    @Test(arguments: StoreBackend.allCases) func expiredDeliveriesDieWithTheirLastError(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.enqueueDelivery(delivery("a1"))
        try store.enqueueDelivery(
            NewDelivery(
                alertID: "fresh", sink: "ops", payload: Data(), firstAttempt: now,
                expiresAt: now.addingTimeInterval(10 * 86_400)))
        let id = try #require(try store.deliveries(alertID: "a1").first?.id)
        try store.markFailed(
            id: id, nextAttempt: now.addingTimeInterval(60), error: "connection refused")

        let expired = try store.expireDeliveries(now: now.addingTimeInterval(86_400))

        #expect(expired == 1)
        let dead = try #require(try store.deliveries(alertID: "a1").first)
        #expect(dead.status == .dead)
        #expect(dead.lastError == "expired after 1 attempt (last error: connection refused)")
        #expect(try store.deliveries(alertID: "fresh").first?.payload == Data())
        #expect(try store.pendingDeliveryCount() == 1)
    }

    @Test(arguments: StoreBackend.allCases) func redeliveringPutsAFinishedDeliveryBackInTheQueue(
        backend: StoreBackend
    ) throws {
        let fresh = try FreshStore(backend)
        defer { fresh.remove() }
        let store = fresh.store
        try store.enqueueDelivery(delivery("a1"))
        let first = try #require(try store.dueDeliveries(now: now).first)
        try store.markDelivered(id: first.id, at: now)
        let later = now.addingTimeInterval(3600)

        try store.redeliver(
            NewDelivery(
                alertID: "a1", sink: "ops", payload: first.payload, firstAttempt: later,
                expiresAt: later.addingTimeInterval(86_400)))

        let again = try #require(try store.dueDeliveries(now: later).first)
        #expect(again.id == first.id)
        #expect(again.alertID == "a1")
        // The history stays: the attempts made, and what the last one said.
        #expect(again.attempts == 1)
        #expect(again.status == .pending)
        #expect(again.finishedAt == nil)
        #expect(try store.deliveries(alertID: "a1").count == 1)
    }

    @Test func pendingDeliveriesSurviveARestart() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        do {
            let store = try StoreUnderTest.open(path)
            try store.commit(
                PassCommit(
                    feed: "dawn", seenItems: [SampleItems.seen(id: "one")],
                    deliveries: [delivery("a1")]))
        }

        let restarted = try StoreUnderTest.open(path)

        #expect(try restarted.dueDeliveries(now: now).map(\.alertID) == ["a1"])
        #expect(try restarted.seenItems(feed: "dawn").keys.sorted() == ["one"])
    }
}
