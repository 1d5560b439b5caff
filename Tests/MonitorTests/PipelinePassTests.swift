import AlertLog
import Foundation
import Testing

@testable import Monitor

@Suite struct PipelinePassTests {
    @Test func backfilledPassAlertsOncePerStoryOnTheBombingCoverageOnly() throws {
        let fixture = try MonitorFixture(feeds: [
            "herald": "file:feeds/hindu-kush-herald.xml",
            "observer": "file:feeds/indus-observer.atom",
        ])
        try fixture.copyExample("hindu-kush-herald.xml")
        try fixture.copyExample("indus-observer.atom")

        let (summary, written) = try fixture.poll(backfill: true)
        #expect(summary.failures.isEmpty)
        #expect(summary.feedsFetched == 2)
        #expect(summary.newItems == 8)
        let records = try fixture.loggedAlerts()
        let logged = records.filter(\.kind.isRaised)
        #expect(logged == written)
        // The observer's report of the bombing fired haqqani-attack too: it
        // is in the log, folded into the story, and was sent nowhere.
        let folded = records.filter { $0.kind == .report }
        #expect(
            folded.map { "\($0.feed) \($0.rule) \($0.item.id)" } == [
                "observer haqqani-attack tag:indusobserver.example,2026:region-88231"
            ])
        #expect(folded.first?.sources == 2)
        let fired = Set(logged.map { "\($0.feed) \($0.rule) \($0.item.id)" })
        // Both outlets' bombing reports are one story: haqqani-attack alerts
        // once for it; the notify-each rule alerts on every report.
        #expect(
            fired == [
                "herald haqqani-attack hkh-2026-11-24-0412",
                "herald khalil-every-report hkh-2026-11-24-0412",
                "observer khalil-every-report tag:indusobserver.example,2026:region-88231",
                "observer iskp-mention tag:indusobserver.example,2026:region-88240",
            ])
        #expect(summary.joinedStories == 1)
        let attack = try #require(logged.first { $0.rule == "haqqani-attack" })
        let observed = try #require(
            logged.first { $0.feed == "observer" && $0.rule == "khalil-every-report" })
        #expect(observed.story == attack.story)
        #expect(observed.sources == 2)
        #expect(
            observed.item.link
                == "https://indusobserver.example/region/2026/11/24/kabul-ministry-blast-haqqani")
        #expect(observed.entities == ["khalil-haqqani"])
        #expect(observed.matches.contains { $0.text == "Khalilur Rehman Haqqani" })
        // The claim is the same incident, and alerts because it names ISKP,
        // an entity the story did not have.
        let claim = try #require(logged.first { $0.rule == "iskp-mention" })
        #expect(claim.story == attack.story)
        #expect(folded.first?.story == attack.story)
    }

    @Test func firstContactIsABaselineAndOnlyNewItemsAlertAfterwards() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed("wire.xml", Self.rss(items: [Self.storm, Self.bombing]))

        let (first, firstAlerts) = try fixture.poll()
        #expect(firstAlerts.isEmpty)
        #expect(first.baselineItems == 2)

        try fixture.writeFeed("wire.xml", Self.rss(items: [Self.claim, Self.storm, Self.bombing]))
        let (second, secondAlerts) = try fixture.poll()
        #expect(second.newItems == 1)
        #expect(secondAlerts.map(\.item.id) == ["claim"])
        #expect(try fixture.loggedAlerts().map(\.item.id) == ["claim"])
    }

    @Test func aRestartNeverAlertsTwice() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed("wire.xml", Self.rss(items: [Self.bombing, Self.claim]))
        let (_, first) = try fixture.poll(backfill: true)
        #expect(first.count == 3)
        let (again, second) = try fixture.poll(backfill: true)
        #expect(second.isEmpty)
        #expect(again.newItems == 0)
        #expect(try fixture.loggedAlerts().count == 3)
    }

    @Test func oneBrokenFeedNeverStopsThePass() throws {
        let fixture = try MonitorFixture(feeds: [
            "missing": "file:feeds/nowhere.xml",
            "garbage": "file:feeds/garbage.xml",
            "wire": "file:feeds/wire.xml",
        ])
        try fixture.writeFeed("garbage.xml", "<html><body>This is not a feed</body></html>")
        try fixture.writeFeed("wire.xml", Self.rss(items: [Self.bombing]))

        let (summary, alerts) = try fixture.poll(backfill: true)
        #expect(summary.feedsPolled == 3)
        #expect(summary.feedsFetched == 1)
        #expect(summary.failures.count == 2)
        #expect(
            summary.failures.contains {
                $0.hasPrefix("missing: fetcher:") && $0.contains("nowhere.xml")
            })
        #expect(summary.failures.contains { $0.hasPrefix("garbage: parser:") })
        #expect(Set(alerts.map(\.item.id)) == ["bombing"])
    }

    @Test func feedsThatAreNotDueAreLeftAlone() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed("wire.xml", Self.rss(items: [Self.storm]))
        let (first, _) = try fixture.poll(all: false)
        #expect(first.feedsPolled == 1)
        let (second, _) = try fixture.poll(all: false)
        #expect(second.feedsPolled == 0)
        let (forced, _) = try fixture.poll(all: true)
        #expect(forced.feedsPolled == 1)
    }

    static let storm = (
        id: "storm", title: "Storm closes airports in northern Europe", text: "Flights cancelled."
    )
    static let bombing = (
        id: "bombing", title: "Khalil-ur-Rehman Haqqani killed in Kabul suicide bombing",
        text: "The minister died at his ministry."
    )
    static let claim = (
        id: "claim", title: "ISK-P claims the Kabul attack", text: "A statement was issued."
    )

    static func rss(items: [(id: String, title: String, text: String)]) -> String {
        let entries = items.map {
            "<item><title>\($0.title)</title><guid isPermaLink=\"false\">\($0.id)</guid>"
                + "<link>https://wire.example/\($0.id)</link><description>\($0.text)</description></item>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """
    }
}
