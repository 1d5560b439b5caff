import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import Store
import Testing

/// `AlertArrivals` on PostgreSQL: a follower learns of the alerts another
/// connection commits, through LISTEN/NOTIFY, without looking at the tables
/// in a loop.
@Suite struct AlertArrivalsTests {
    private let epoch = SampleItems.epoch

    @Test func aWaitingFollowerWakesOnAnotherConnectionsCommitWithItsAlerts() throws {
        let database = try TestPostgreSQL.newDatabase()
        let monitor = try PostgreSQLStateStore(url: database.url, password: database.password)
        let follower = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)
        try follower.listenForAlerts()

        // The follower waits on a thread of its own, far longer than the commit takes.
        let arrived = Arrived()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            arrived.set(Result { try follower.arrivedAlerts(waitingUpTo: 120) })
            done.signal()
        }
        try monitor.commit(PassCommit(feed: "wire", alertIndexEntries: [entry("a1"), entry("a2")]))
        done.wait()

        let entries = try arrived.get()
        #expect(entries.map(\.alertID) == ["a1", "a2"])
        #expect(entries.first == (try monitor.alertIndexEntry(alertID: "a1")))
    }

    @Test func commitsAreToldInTheirOrderAndACommitWithoutAlertsTellsNothing() throws {
        let database = try TestPostgreSQL.newDatabase()
        let monitor = try PostgreSQLStateStore(url: database.url, password: database.password)
        let other = try PostgreSQLStateStore(url: database.url, password: database.password)
        let follower = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)
        try monitor.commit(PassCommit(feed: "wire", alertIndexEntries: [entry("before")]))
        try follower.listenForAlerts()

        try monitor.commit(PassCommit(feed: "wire", alertIndexEntries: [entry("b1")]))
        try monitor.saveFeedState(FeedState(name: "wire", url: "https://example.org/wire"))
        try other.commit(PassCommit(feed: "dawn", alertIndexEntries: [entry("c1"), entry("c2")]))

        // Notifications of separate commits come in commit order: had the
        // feed state's commit told anything, it would come before c1.
        #expect(try collect(3, from: follower) == ["b1", "c1", "c2"])
    }

    @Test func aCommitThatFailsTellsNothing() throws {
        let database = try TestPostgreSQL.newDatabase()
        let monitor = try PostgreSQLStateStore(url: database.url, password: database.password)
        let follower = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)
        try follower.listenForAlerts()

        // A NUL in a text cannot be stored: the whole commit rolls back after the index insert.
        #expect(throws: StoreError.self) {
            try monitor.commit(
                PassCommit(
                    feed: "wire", alertIndexEntries: [entry("lost")],
                    feedStates: [FeedState(name: "bad\u{0}name", url: "x")]))
        }
        try monitor.commit(PassCommit(feed: "wire", alertIndexEntries: [entry("kept")]))

        #expect(try collect(1, from: follower) == ["kept"])
    }

    @Test func manyAlertsInOneCommitAreAllTold() throws {
        let database = try TestPostgreSQL.newDatabase()
        let monitor = try PostgreSQLStateStore(url: database.url, password: database.password)
        let follower = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)
        try follower.listenForAlerts()
        // 32-character ids, as AlertID makes them: more than one notification's worth.
        let ids = (0..<600).map { String(format: "%032x", $0) }

        try monitor.commit(PassCommit(feed: "wire", alertIndexEntries: ids.map(entry)))

        #expect(try collect(ids.count, from: follower) == ids)
    }

    /// The ids told until there are `count` (each wait ends as soon as a notification comes).
    private func collect(_ count: Int, from follower: PostgreSQLStateStore) throws -> [String] {
        var ids: [String] = []
        var waits = 0
        while ids.count < count && waits < 10 {
            ids += try follower.arrivedAlerts(waitingUpTo: 30).map(\.alertID)
            waits += 1
        }
        return ids
    }

    private func entry(_ id: String) -> AlertIndexEntry {
        AlertIndexEntry(
            alertID: id, time: epoch, rule: "haqqani", severity: "high", severityRank: 3,
            feed: "wire", title: "title \(id)", logFile: "alerts.jsonl", byteOffset: 0,
            entities: ["khalil-haqqani"])
    }
}

/// What the follower's thread got, handed back to the test.
private final class Arrived: @unchecked Sendable {
    // @unchecked Sendable is sound: the semaphore orders the one write before the read.
    private var result: Result<[AlertIndexEntry], any Error>?

    func set(_ result: Result<[AlertIndexEntry], any Error>) { self.result = result }

    func get() throws -> [AlertIndexEntry] {
        guard let result else { return [] }
        return try result.get()
    }
}
