import Foundation
import Testing

@Suite struct CommandLineTests {
    @Test func pollAlertsAndTheReviewShowsIt() throws {
        let workspace = try Workspace()
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(poll.standardError.contains("1 feed polled"))
        #expect(poll.standardError.contains("1 alert,"))

        let alerts = try workspace.runner.run(["alerts", "--json"])
        #expect(alerts.status == 0)
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(alerts.standardOutput.utf8))
                as? [String: Any])
        #expect(record["rule"] as? String == "haqqani")
        #expect((record["item"] as? [String: Any])?["id"] as? String == "a")

        let feeds = try workspace.runner.run(["feeds", "--json"])
        #expect(feeds.standardOutput.contains(#""status":"ok""#))
    }

    @Test func exitStatusesFollowTheConvention() throws {
        let workspace = try Workspace(feedURL: "file:missing.xml")
        let failing = try workspace.runner.run(["poll"])
        #expect(failing.status == 1)
        #expect(failing.standardError.contains("wire: fetcher:"))

        try workspace.write("rules/broken.rules", "rule \"Oops\"\n  match @nobody\n")
        let badRules = try workspace.runner.run(["poll"])
        #expect(badRules.status == 65)
        #expect(badRules.standardError.contains("broken.rules:2:"))

        try workspace.write("feeds.conf", "[monitor]\nintervall = 10m\n")
        let badConfig = try workspace.runner.run(["poll"])
        #expect(badConfig.status == 65)
        #expect(badConfig.standardError.contains("feeds.conf:2:"))

        let usage = try workspace.runner.run(["alerts", "--severity", "urgent"])
        #expect(usage.status == 64)
    }

    @Test func runReloadsKeepsOldRulesOnErrorAndStopsCleanly() throws {
        let workspace = try Workspace()
        // Its log goes to a file, so that the test can wait for a line of it.
        let process = try workspace.runner.start(
            ["run", "--backfill"], standardError: workspace.url("run.log"))
        try waitUntil { workspace.read("alerts.jsonl").contains("\"haqqani\"") }

        // A broken edit is refused; the monitor keeps running on the old rules.
        try workspace.write("rules/watch.rules", "rule \"Oops\n")
        kill(process.processIdentifier, SIGHUP)
        try waitUntil { workspace.read("run.log").contains("reload refused") }
        #expect(process.isRunning)

        kill(process.processIdentifier, SIGTERM)
        let output = workspace.runner.finish(process)
        let log = workspace.read("run.log")
        #expect(output.status == 0, "\(log)")
        #expect(log.contains("watch.rules:1:"))
        #expect(log.contains("stopped"))
    }
}
