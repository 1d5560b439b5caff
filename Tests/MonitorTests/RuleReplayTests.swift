import Foundation
import RuleEngine
import SQLiteStore
import Store
import Testing

@testable import Monitor

@Suite struct RuleReplayTests {
    @Test func anEditedRuleIsCheckedAgainstArchivedItemsWithoutAlerting() throws {
        let fixture = try MonitorFixture(feeds: ["wire": "file:feeds/wire.xml"])
        try fixture.writeFeed(
            "wire.xml",
            PipelinePassTests.rss(items: [PipelinePassTests.storm, PipelinePassTests.bombing]))
        _ = try fixture.poll()  // first contact: archived, no alerts

        // The analyst adds a rule about the weather after the fact.
        try
            (MonitorFixture.rules + """

                rule "Storms"
                  id storms
                  severity low
                  match storm*

                """).write(
                to: fixture.rulesDirectory.appendingPathComponent("watchlist.rules"),
                atomically: true, encoding: .utf8)
        let setup = try ConfigurationAndRules.load(
            configPath: fixture.configPath, rulesDirectory: fixture.rulesDirectory)
        let store = try SQLiteStateStore(path: setup.state.sqlitePath ?? "", access: .readOnly)
        let replay = RuleReplay(configuration: setup.configuration, rules: setup.rules)

        let all = try replay.run(archive: store, since: Date().addingTimeInterval(-3600))
        #expect(Set(all.map(\.item.id)) == ["storm", "bombing"])
        let storms = try replay.run(
            archive: store, since: Date().addingTimeInterval(-3600), rule: "storms")
        #expect(storms.map(\.item.id) == ["storm"])
        #expect(storms.first?.hits.first?.matches.first?.text == "Storm")
        #expect(try replay.run(archive: store, since: Date().addingTimeInterval(60)).isEmpty)
        #expect(try fixture.loggedAlerts().isEmpty)
    }
}
