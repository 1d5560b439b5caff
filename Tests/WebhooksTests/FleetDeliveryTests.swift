import Configuration
import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import Store
import TestHTTPServer
import Testing

@testable import Webhooks

/// Two monitors sending one PostgreSQL outbox to a real receiver on 127.0.0.1.
@Suite struct FleetDeliveryTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// Queues `count` deliveries spread over `sinks`, as monitors' commits would.
    func queue(_ count: Int, over sinks: [SinkConfiguration], in store: PostgreSQLStateStore)
        throws -> Set<String>
    {
        var keys: Set<String> = []
        for index in 0..<count {
            let sink = sinks[index % sinks.count]
            let key = "alert-\(index)"
            try store.enqueueDelivery(
                NewDelivery(
                    alertID: key, sink: sink.name, payload: Data("{\"n\":\(index)}".utf8),
                    firstAttempt: start, expiresAt: start.addingTimeInterval(86_400)))
            keys.insert(key)
        }
        return keys
    }

    func sinks(on server: TestHTTPServer, _ names: [String]) -> [SinkConfiguration] {
        names.map { name in
            // A receiver that takes a moment, so that the two senders overlap.
            server.route("/\(name)", ScriptedResponse.status(200).delayed(by: 0.005))
            return SinkConfiguration(name: name, url: server.url("/\(name)"), format: .json)
        }
    }

    func dispatcher(_ store: PostgreSQLStateStore, _ sinks: [SinkConfiguration], holder: String)
        -> WebhookDispatcher
    {
        WebhookDispatcher(
            store: store, sinks: sinks, userAgent: "feedwatch/9.9.9-test", requestTimeout: 5,
            holder: holder)
    }

    /// The Idempotency-Key of every request the receiver got, with how many times each came.
    func keysReceived(by server: TestHTTPServer) -> [String: Int] {
        var counts: [String: Int] = [:]
        for request in server.requests {
            counts[request.header("Idempotency-Key") ?? "", default: 0] += 1
        }
        return counts
    }

    @Test func twoSendersDeliverEachMessageOnce() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        let sinks = sinks(on: server, ["ops", "desk", "wire"])
        let first = try PostgreSQLStateStore(url: database.url, password: database.password)
        let second = try PostgreSQLStateStore(url: database.url, password: database.password)
        let keys = try queue(90, over: sinks, in: first)
        let senders = [
            dispatcher(first, sinks, holder: "monitor-a"),
            dispatcher(second, sinks, holder: "monitor-b"),
        ]

        // Both send at once, round after round, until the outbox is empty.
        DispatchQueue.concurrentPerform(iterations: senders.count) { index in
            for _ in 0..<200 {
                let round = senders[index].deliverDue(now: start)
                if round.pending == 0 { return }
            }
        }

        #expect(try first.pendingDeliveryCount() == 0)
        let received = keysReceived(by: server)
        #expect(Set(received.keys) == keys)
        #expect(received.values.allSatisfy { $0 == 1 })
        #expect(server.requests.count == keys.count)
    }

    @Test func aDeadSendersClaimRunsOutAndAnotherSendsItsDeliveries() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        let sinks = sinks(on: server, ["ops"])
        let survivor = try PostgreSQLStateStore(url: database.url, password: database.password)
        let keys = try queue(5, over: sinks, in: survivor)
        do {
            // A monitor claims the sink's queue, then dies before sending.
            let dying = try PostgreSQLStateStore(url: database.url, password: database.password)
            let claimed = try dying.claimPendingDeliveries(
                sink: "ops", holder: "dead-monitor", now: start, duration: 60, limit: 100)
            #expect(claimed.count == 5)
        }
        let sender = dispatcher(survivor, sinks, holder: "survivor")

        let whileHeld = sender.deliverDue(now: start.addingTimeInterval(30))
        #expect(whileHeld.sent == 0)
        #expect(server.requests.isEmpty)

        let afterExpiry = sender.deliverDue(now: start.addingTimeInterval(61))
        #expect(afterExpiry.sent == 5)
        #expect(afterExpiry.pending == 0)
        let received = keysReceived(by: server)
        #expect(Set(received.keys) == keys)
        #expect(received.values.allSatisfy { $0 == 1 })

        // The dead monitor's claim is gone: were it only slow, its late
        // record of an attempt is refused, not counted twice.
        let late = try PostgreSQLStateStore(url: database.url, password: database.password)
        let delivered = try #require(try late.deliveries(alertID: "alert-0").first)
        #expect(throws: StoreError.self) {
            try late.markDelivered(id: delivered.id, holder: "dead-monitor", at: start)
        }
        #expect(try late.deliveries(alertID: "alert-0").first?.attempts == 1)
    }

    @Test func aSinkHeldByOneSenderIsLeftAloneByTheOtherUntilReleased() throws {
        let database = try TestPostgreSQL.newDatabase()
        let first = try PostgreSQLStateStore(url: database.url, password: database.password)
        let second = try PostgreSQLStateStore(url: database.url, password: database.password)
        for index in 0..<3 {
            try first.enqueueDelivery(
                NewDelivery(
                    alertID: "a\(index)", sink: "ops", payload: Data("{}".utf8),
                    firstAttempt: start, expiresAt: start.addingTimeInterval(86_400)))
        }

        let held = try first.claimPendingDeliveries(
            sink: "ops", holder: "a", now: start, duration: 60, limit: 2)
        #expect(held.map(\.alertID) == ["a0", "a1"])
        // The third is not handed to another sender: the sink keeps its order.
        #expect(
            try second.claimPendingDeliveries(
                sink: "ops", holder: "b", now: start, duration: 60, limit: 10
            ).isEmpty)
        #expect(throws: StoreError.self) {
            try second.markDelivered(id: held[0].id, holder: "b", at: start)
        }

        try first.markDelivered(id: held[0].id, holder: "a", at: start)
        try first.releaseDeliveries(held.map(\.id), holder: "a")
        let taken = try second.claimPendingDeliveries(
            sink: "ops", holder: "b", now: start, duration: 60, limit: 10)
        #expect(taken.map(\.alertID) == ["a1", "a2"])
    }

    @Test func twoSendersFoldingOnePeriodQueueOneDigest() throws {
        let database = try TestPostgreSQL.newDatabase()
        let first = try PostgreSQLStateStore(url: database.url, password: database.password)
        let second = try PostgreSQLStateStore(url: database.url, password: database.password)
        func hold(_ key: String) throws {
            try first.commit(
                PassCommit(
                    digestEntries: [
                        NewDigestEntry(
                            messageKey: key, sink: "daily", alertIDs: [key], due: start,
                            content: Data("[]".utf8), createdAt: start)
                    ]))
        }
        try hold("m1")
        try hold("m2")
        let early = try #require(try first.dueDigests(now: start).first)
        // A message of the period arrives late, between the two reads.
        try hold("m3")
        let late = try #require(try second.dueDigests(now: start).first)
        #expect(late.entries.count == 3)

        try first.foldDigest(entryIDs: early.entries.map(\.id), into: digest("d12", early))
        try second.foldDigest(entryIDs: late.entries.map(\.id), into: digest("d123", late))

        // m1 and m2 go out once, in the first digest; m3 waits for the next round.
        let queued = try first.dueDeliveries(now: start)
        #expect(queued.map(\.alertID) == ["d12"])
        #expect(try first.heldDigestEntryCount() == 1)
        #expect(try first.dueDigests(now: start).first?.entries.map(\.messageKey) == ["m3"])
    }

    func digest(_ key: String, _ batch: DigestBatch) -> NewDelivery {
        NewDelivery(
            alertID: key, sink: batch.sink, payload: Data("{}".utf8), firstAttempt: start,
            expiresAt: start.addingTimeInterval(86_400),
            alertIDs: batch.entries.flatMap(\.alertIDs))
    }
}
