import Foundation
import Testing

@testable import Monitor

@Suite struct FeedHealthAlertTests {
    let day: TimeInterval = 86400

    @Test func aFeedThatGoesDarkAlertsOnceAndAgainWhenItIsBack() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        let start = Date()

        // Fails from the first poll: the file is not there.
        let (first, firstAlerts) = try fixture.poll(now: start)
        #expect(first.failures.count == 1)
        #expect(firstAlerts.isEmpty)

        // Still failing two days later: past stale-after (24 h), one alert.
        let (_, dark) = try fixture.poll(now: start.addingTimeInterval(2 * day))
        #expect(dark.map(\.rule) == ["feed-health"])
        // Medium by default: a dark feed must not crowd `--severity high+`.
        #expect(dark.first?.severity == .medium)
        #expect(dark.first?.item.title == "Feed wire has gone dark")
        #expect(dark.first?.snippet.hasPrefix("failing since ") == true)
        #expect(dark.first?.snippet.contains("wire.xml") == true)
        let (_, again) = try fixture.poll(now: start.addingTimeInterval(3 * day))
        #expect(again.isEmpty)

        // It comes back: a recovery record, and its items are a silent baseline.
        try fixture.writeFeed("wire.xml", PipelinePassTests.rss(items: [PipelinePassTests.bombing]))
        let (back, recovered) = try fixture.poll(now: start.addingTimeInterval(4 * day))
        #expect(back.baselineItems == 1)
        #expect(recovered.map(\.rule) == ["feed-health"])
        #expect(recovered.first?.severity == .info)
        #expect(recovered.first?.item.title == "Feed wire is back")
        #expect(try fixture.loggedAlerts().count == 2)
    }

    @Test(arguments: ["low", "high", "critical"])
    func healthSeveritySetsTheSeverityOfADarkFeed(setting: String) throws {
        let fixture = try MonitorFixture(
            feeds: ["wire": "file:feeds/wire.xml"], extraConfig: "health-severity = \(setting)\n")
        let start = Date()
        _ = try fixture.poll(now: start)
        let (_, dark) = try fixture.poll(now: start.addingTimeInterval(2 * day))
        #expect(dark.map(\.severity.rawValue) == [setting])
        #expect(try fixture.loggedAlerts().map(\.severity.rawValue) == [setting])
    }

    @Test func aFeedsOwnStaleAfterAndHealthNotifyRuleItsHealthAlerts() throws {
        let fixture = try MonitorFixture(
            feeds: [
                "wire": "file:feeds/wire.xml", "desk": "file:feeds/desk.xml",
                "quiet": "file:feeds/quiet.xml",
            ],
            feedSettings: ["desk": "stale-after = 4d", "quiet": "health-notify = off"])
        let start = Date()
        _ = try fixture.poll(now: start)
        // Two days: past [monitor]'s 24 h for wire; not past desk's own 4 days;
        // quiet is past it too, but raises nothing.
        let (_, dark) = try fixture.poll(now: start.addingTimeInterval(2 * day))
        #expect(dark.map(\.feed) == ["wire"])
        let (_, later) = try fixture.poll(now: start.addingTimeInterval(5 * day))
        #expect(later.map(\.feed) == ["desk"])
    }

    @Test func aSilentFeedGoesDarkToo() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed("wire.xml", PipelinePassTests.rss(items: [PipelinePassTests.storm]))
        let start = Date()
        _ = try fixture.poll(now: start)
        let (_, quiet) = try fixture.poll(now: start.addingTimeInterval(day / 2))
        #expect(quiet.isEmpty)
        let (_, silent) = try fixture.poll(now: start.addingTimeInterval(2 * day))
        #expect(silent.map(\.snippet).first?.hasPrefix("nothing new since") == true)
    }
}
