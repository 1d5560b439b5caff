import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Monitor

/// Retention between passes, with the pass's clock moved forward: an item
/// still in its feed is never forgotten, so it never alerts again.
@Suite struct RetentionPassTests {
    let day: TimeInterval = 86_400
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A fixture whose feed never counts as silent across the months these tests skip.
    func fixture() throws -> MonitorFixture {
        try MonitorFixture(
            feeds: ["wire": "file:feeds/wire.xml"], extraConfig: "stale-after = 1000d")
    }

    /// Retention as feeds.conf sets it (90 days by default), applied at `now` by a fresh store.
    func applyRetention(_ fixture: MonitorFixture, now: Date) throws -> PruneResult? {
        let configuration = try ConfigurationFile.load(path: fixture.configPath)
        let store = try SQLiteStateStore(path: configuration.settings.state.sqlitePath ?? "")
        return try StateRetention(settings: configuration.settings).applyIfDue(to: store, now: now)
    }

    @Test func anItemKeptInItsFeedPastForgetNeverAlertsAgain() throws {
        let fixture = try fixture()
        let items = PipelinePassTests.self
        try fixture.writeFeed("wire.xml", items.rss(items: [items.bombing, items.storm]))
        let (_, first) = try fixture.poll(backfill: true, now: start)
        #expect(first.map(\.item.id) == ["bombing", "bombing"])
        // The storm report leaves the feed the next day; the bombing stays for months.
        try fixture.writeFeed("wire.xml", items.rss(items: [items.bombing]))
        _ = try fixture.poll(now: start.addingTimeInterval(day))

        let pruned = try #require(
            try applyRetention(fixture, now: start.addingTimeInterval(120 * day)))

        #expect(pruned.seenItems == 1)
        let (later, again) = try fixture.poll(now: start.addingTimeInterval(121 * day))
        #expect(later.failures.isEmpty)
        // Still known: not new, not read by the rules, not alerted.
        #expect(later.newItems == 0)
        #expect(again.isEmpty)
        #expect(try fixture.loggedAlerts().count == 2)
    }

    @Test func aForgottenItemThatComesBackIsReadAgainButItsAlertsAreNotRaisedTwice() throws {
        let fixture = try fixture()
        let items = PipelinePassTests.self
        try fixture.writeFeed("wire.xml", items.rss(items: [items.bombing]))
        _ = try fixture.poll(backfill: true, now: start)
        try fixture.writeFeed("wire.xml", items.rss(items: [items.storm]))
        _ = try fixture.poll(now: start.addingTimeInterval(day))
        #expect(
            try applyRetention(fixture, now: start.addingTimeInterval(100 * day))?.seenItems == 1)

        // The feed lists the bombing report again, months after it left.
        try fixture.writeFeed("wire.xml", items.rss(items: [items.bombing, items.storm]))
        let (back, alerts) = try fixture.poll(now: start.addingTimeInterval(101 * day))

        // It is new to the seen items, so the rules read it; the alert index,
        // which retention keeps, holds the ids of the alerts it raised.
        #expect(back.newItems == 1)
        #expect(alerts.isEmpty)
        #expect(try fixture.loggedAlerts().count == 2)
    }

    @Test func retentionIsDueDailyAndRecordsWhenItRan() throws {
        let fixture = try fixture()
        try fixture.writeFeed("wire.xml", PipelinePassTests.rss(items: [PipelinePassTests.storm]))
        _ = try fixture.poll(now: start)

        #expect(try applyRetention(fixture, now: start) != nil)
        #expect(try applyRetention(fixture, now: start.addingTimeInterval(day - 1)) == nil)
        #expect(try applyRetention(fixture, now: start.addingTimeInterval(day)) != nil)
        let store = try SQLiteStateStore(path: fixture.statePath, access: .readOnly)
        #expect(try store.lastPruneTime() == start.addingTimeInterval(day))
    }
}
