import AlertLog
import Foundation
import Store
import Testing

@testable import Monitor
@testable import SQLiteStore

/// What a feed's turn stores, and what happens when the store refuses it.
@Suite struct PipelinePassStoreTests {
    @Test func storiesStoredWithAFeedsTurnFoldTheNextPassesReports() throws {
        let fixture = try MonitorFixture(feeds: [
            "herald": "file:feeds/hindu-kush-herald.xml",
            "observer": "file:feeds/indus-observer.atom",
        ])
        try fixture.copyExample("hindu-kush-herald.xml")
        // The observer's file is not there yet: only the herald is read.
        let (first, firstAlerts) = try fixture.poll(backfill: true)
        #expect(first.failures.count == 1)
        let attack = try #require(firstAlerts.first { $0.rule == "haqqani-attack" })
        let stored = try SQLiteStateStore(path: fixture.statePath, access: .readOnly)
            .stories(since: .distantPast)
        let story = try #require(stored.first { $0.id == attack.story })
        #expect(story.feeds == ["herald"])
        #expect(story.alertedRules.contains("haqqani-attack"))

        try fixture.copyExample("indus-observer.atom")
        let (second, secondAlerts) = try fixture.poll(backfill: true)

        // The observer's bombing report joins the herald's story from the store.
        #expect(second.failures.isEmpty)
        #expect(second.joinedStories == 1)
        #expect(!secondAlerts.contains { $0.rule == "haqqani-attack" })
        let observed = try #require(secondAlerts.first { $0.rule == "khalil-every-report" })
        #expect(observed.story == attack.story)
        #expect(observed.sources == 2)
    }

    @Test func aRefusedCommitLeavesTheItemsUnseenAndNoAlertTwice() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed("wire.xml", PipelinePassTests.rss(items: [PipelinePassTests.storm]))
        _ = try fixture.poll()
        try fixture.writeFeed(
            "wire.xml",
            PipelinePassTests.rss(items: [PipelinePassTests.bombing, PipelinePassTests.storm]))
        // A second connection, past the monitor's lock, makes the store refuse seen items.
        try execute(
            """
            CREATE TRIGGER refuse BEFORE INSERT ON seen_item
            BEGIN SELECT RAISE(ABORT, 'the test refuses seen items'); END
            """, on: fixture)

        let (refused, refusedAlerts) = try fixture.poll()

        #expect(refused.failures.count == 1)
        #expect(refused.failures.first?.hasPrefix("wire: store:") == true)
        #expect(refused.feedsFetched == 0 && refused.alerts == 0 && refusedAlerts.isEmpty)
        // The alerts were in the log before the store was asked: nothing is lost.
        let logged = try fixture.loggedAlerts()
        #expect(Set(logged.map(\.rule)) == ["haqqani-attack", "khalil-every-report"])
        let reader = try SQLiteStateStore(path: fixture.statePath, access: .readOnly)
        #expect(try reader.seenItems(feed: "wire").keys.sorted() == ["storm"])
        #expect(try reader.alertIndexCount() == 0)
        let state = try #require(try reader.feedState(name: "wire"))
        #expect(state.consecutiveFailures == 1)
        #expect(state.lastError?.contains("the test refuses seen items") == true)

        try execute("DROP TRIGGER refuse", on: fixture)
        let (recovered, recoveredAlerts) = try fixture.poll()

        // The restart indexes the logged alerts; the item, read again, finds them.
        #expect(recovered.failures.isEmpty)
        #expect(recovered.newItems == 1 && recovered.alerts == 0 && recoveredAlerts.isEmpty)
        #expect(try fixture.loggedAlerts() == logged)
        #expect(try reader.alertIndexCount() == logged.count)
        #expect(try reader.seenItems(feed: "wire").keys.sorted() == ["bombing", "storm"])
        #expect(try reader.feedState(name: "wire")?.consecutiveFailures == 0)
    }

    private func execute(_ sql: String, on fixture: MonitorFixture) throws {
        let database = try SQLiteDatabase(path: fixture.statePath, mode: .readWriteCreate)
        try database.execute(sql, purpose: "test")
    }
}
