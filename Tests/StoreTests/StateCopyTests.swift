import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import SQLiteStore
import Store
import Testing

/// A whole SQLite state copied into PostgreSQL over `StateExport` and
/// `StateImport`: every kind, every column, and only into an empty database.
@Suite struct StateCopyTests {
    private let epoch = SampleItems.epoch

    @Test func everyKindArrivesWholeAndTheCountsMatch() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sqlite = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        try fill(sqlite)
        let database = try TestPostgreSQL.newDatabase()
        let postgreSQL = try PostgreSQLStateStore(url: database.url, password: database.password)

        var reported: [StateRecordKind: Int] = [:]
        // Batches of 2: every kind with more records crosses a batch boundary.
        let counts = try StateCopier.copy(from: sqlite, into: postgreSQL, batchSize: 2) {
            reported[$0] = $1
        }

        #expect(counts.map(\.kind) == StateRecordKind.allCases)
        for count in counts {
            #expect(count.source == count.destination, "\(count.kind)")
            #expect(count.source > 0, "\(count.kind) was not exercised")
            #expect(reported[count.kind] == count.source, "\(count.kind)")
        }
        try expectSameAnswers(sqlite, postgreSQL)
    }

    @Test func aDatabaseHoldingStateIsRefusedAndLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sqlite = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        try fill(sqlite)
        let database = try TestPostgreSQL.newDatabase()
        let postgreSQL = try PostgreSQLStateStore(url: database.url, password: database.password)
        _ = try StateCopier.copy(from: sqlite, into: postgreSQL)
        let before = try StateRecordKind.allCases.map { try postgreSQL.recordCount(of: $0) }

        #expect(throws: StateCopier.Failure.destinationNotEmpty) {
            try StateCopier.copy(from: sqlite, into: postgreSQL)
        }
        #expect(try StateRecordKind.allCases.map { try postgreSQL.recordCount(of: $0) } == before)

        // One feed state is enough to count as state.
        let other = try PostgreSQLStateStore(
            url: try TestPostgreSQL.newDatabase().url, password: database.password)
        try other.saveFeedState(FeedState(name: "wire", url: "https://example.org/wire"))
        #expect(throws: StateCopier.Failure.destinationNotEmpty) {
            try StateCopier.copy(from: sqlite, into: other)
        }
    }

    @Test func newRowsAfterTheCopyTakeIdsPastTheCopiedOnes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sqlite = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        try fill(sqlite)
        let database = try TestPostgreSQL.newDatabase()
        let postgreSQL = try PostgreSQLStateStore(url: database.url, password: database.password)
        _ = try StateCopier.copy(from: sqlite, into: postgreSQL)
        let copiedIDs = try postgreSQL.deliveries(alertID: "alert-1").map(\.id)

        try postgreSQL.enqueueDelivery(
            NewDelivery(
                alertID: "alert-9", sink: "ops", payload: Data("{}".utf8), firstAttempt: epoch,
                expiresAt: epoch.addingTimeInterval(3600)))

        let newID = try #require(try postgreSQL.deliveries(alertID: "alert-9").first?.id)
        #expect(copiedIDs.allSatisfy { $0 < newID })
    }

    /// A state with at least two records of every kind, the awkward columns set.
    private func fill(_ store: SQLiteStateStore) throws {
        let seen = (1...3).map { SampleItems.seen(id: "item-\($0)", hash: "hash-\($0)") }
        let entries = (1...3).map { number in
            AlertIndexEntry(
                alertID: "alert-\(number)", time: epoch.addingTimeInterval(Double(number)),
                rule: "haqqani", severity: "high", severityRank: 3, feed: "wire",
                story: "story-1", title: "Blast in Kabul \(number)", logFile: "alerts.jsonl",
                byteOffset: Int64(number * 400), entities: ["khalil-haqqani", "kabul"],
                searchText: "blast in kabul \(number)", kind: number == 3 ? "report" : "alert",
                itemID: "item-\(number)", published: epoch.addingTimeInterval(-60))
        }
        let grouped = NewDelivery(
            alertID: "alert-1", sink: "ops", payload: Data("{\"n\":1}".utf8), firstAttempt: epoch,
            expiresAt: epoch.addingTimeInterval(86_400), alertIDs: ["alert-1", "alert-2"])
        let single = NewDelivery(
            alertID: "alert-1", sink: "chat", payload: Data([0, 1, 2, 255]), firstAttempt: epoch,
            expiresAt: epoch.addingTimeInterval(86_400))
        try store.commit(
            PassCommit(
                feed: "wire", seenItems: seen, alertIndexEntries: entries,
                evidence: entries.map {
                    AlertEvidence(
                        alertID: $0.alertID, ruleTitle: "Haqqani", ruleMatch: "@khalil-haqqani",
                        title: $0.title ?? "", summary: "summary", content: "content")
                }, deliveries: [grouped, single],
                stories: ["story-1", "story-2"].map {
                    StoredStory(
                        id: $0, firstSeen: epoch, lastSeen: epoch.addingTimeInterval(60),
                        feeds: ["wire", "dawn"], entities: ["khalil-haqqani"],
                        alertedRules: ["haqqani"], escalatedRules: ["surge"],
                        members: Data([1, 2, 3]))
                },
                feedStates: [
                    FeedState(
                        name: "wire", url: "https://example.org/wire", etag: "\"abc\"",
                        lastStatus: 200, lastSuccess: epoch,
                        nextPoll: epoch.addingTimeInterval(600),
                        itemCount: 3, lastBytes: 1234, lastDuration: 0.25),
                    FeedState(
                        name: "dawn", url: "https://example.org/dawn", lastError: "timed out",
                        consecutiveFailures: 2, failingSince: epoch),
                ],
                // item-3 has left its feed: it is absent from now on.
                listing: FeedListing(itemIDs: ["item-1", "item-2"], readAt: epoch),
                digestEntries: ["key-1", "key-2"].map {
                    NewDigestEntry(
                        messageKey: $0, sink: "daily", alertIDs: ["alert-1", "alert-2"],
                        due: epoch.addingTimeInterval(3600), content: Data("[]".utf8),
                        createdAt: epoch)
                }))
        let queued = try store.deliveries(alertID: "alert-1")
        let chat = try #require(queued.first { $0.sink == "chat" })
        try store.markFailed(id: chat.id, nextAttempt: epoch.addingTimeInterval(120), error: "503")
        try store.markDelivered(id: chat.id, at: epoch.addingTimeInterval(130))
        try store.acknowledge([
            AlertAcknowledgement(alertID: "alert-1", time: epoch, by: "desk", note: "seen"),
            AlertAcknowledgement(alertID: "alert-2", time: epoch),
        ])
        let now = Date()
        try store.setMute(
            Mute(target: .entity("kabul"), until: now.addingTimeInterval(3600), createdAt: now))
        try store.setMute(
            Mute(
                target: .rule("haqqani"), until: now.addingTimeInterval(7200), note: "drill",
                createdAt: now))
        // Retention records when it ran (the upkeep kind); nothing is old enough to go.
        let long = Date.distantPast
        _ = try store.prune(
            RetentionCutoffs(
                archiveBefore: long, forgetAbsentBefore: long, storiesBefore: long,
                finishedDeliveriesBefore: long), at: epoch)
    }

    /// Both stores answer every question the same.
    private func expectSameAnswers(_ sqlite: SQLiteStateStore, _ postgreSQL: PostgreSQLStateStore)
        throws
    {
        #expect(
            try sqlite.allFeedStates().sorted(by: name)
                == postgreSQL.allFeedStates().sorted(by: name))
        #expect(try sqlite.seenItems(feed: "wire") == postgreSQL.seenItems(feed: "wire"))
        #expect(
            try sqlite.archivedItems(since: .distantPast)
                == postgreSQL.archivedItems(since: .distantPast))
        #expect(
            try sqlite.alerts(matching: AlertIndexFilter())
                == postgreSQL.alerts(matching: AlertIndexFilter()))
        var search = AlertIndexFilter()
        search.text = "kabul 2"
        #expect(try postgreSQL.alerts(matching: search).map(\.alertID) == ["alert-2"])
        #expect(
            try sqlite.alertIndexValues(of: .entity) == postgreSQL.alertIndexValues(of: .entity))
        for id in ["alert-1", "alert-2", "alert-3"] {
            #expect(try sqlite.evidence(alertID: id) == postgreSQL.evidence(alertID: id))
            #expect(
                try sqlite.deliveries(alertID: id).sorted(by: deliveryID)
                    == postgreSQL.deliveries(alertID: id).sorted(by: deliveryID))
        }
        let ids = ["alert-1", "alert-2", "alert-3"]
        #expect(
            try sqlite.acknowledgements(alertIDs: ids) == postgreSQL.acknowledgements(alertIDs: ids)
        )
        let later = epoch.addingTimeInterval(7200)
        #expect(try sqlite.dueDigests(now: later) == postgreSQL.dueDigests(now: later))
        #expect(try sqlite.activeMutes(now: Date()) == postgreSQL.activeMutes(now: Date()))
        #expect(try sqlite.stories(lastSeenSince: nil) == postgreSQL.stories(lastSeenSince: nil))
        #expect(try sqlite.lastPruneTime() == postgreSQL.lastPruneTime())
        // The copied absence: retention forgets item-3 on both alike.
        let forget = RetentionCutoffs(
            archiveBefore: .distantPast, forgetAbsentBefore: epoch.addingTimeInterval(1),
            storiesBefore: .distantPast, finishedDeliveriesBefore: .distantPast)
        #expect(try sqlite.prune(forget, at: later) == postgreSQL.prune(forget, at: later))
    }

    private func name(_ left: FeedState, _ right: FeedState) -> Bool { left.name < right.name }
    private func deliveryID(_ left: OutboxDelivery, _ right: OutboxDelivery) -> Bool {
        left.id < right.id
    }
}
