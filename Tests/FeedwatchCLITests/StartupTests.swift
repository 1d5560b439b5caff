import Foundation
import Testing

/// What a command reads before it does anything: `poll` compiles the rules once
/// and keeps them beside the state; the review and status commands read no
/// rules and only the parts of feeds.conf they use.
@Suite struct StartupTests {
    /// The compiled rules of the workspace's state (`[monitor] state` by default).
    let cache = "state/feedwatch.db.compiled-rules"
    /// Info lines say what the rules cache did.
    let verbose = ["FEEDWATCH_LOG_LEVEL": "info"]

    @Test func pollCompilesOnceThenReusesAndRecompilesAfterAnEdit() throws {
        let workspace = try Workspace()
        let first = try workspace.runner.run(["poll", "--backfill"], environment: verbose)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("rules: compiled (no compiled rules at"))
        #expect(FileManager.default.fileExists(atPath: workspace.url(cache).path))

        let warm = try workspace.runner.run(["poll"], environment: verbose)
        #expect(warm.status == 0, "\(warm.standardError)")
        #expect(warm.standardError.contains("rules: loaded the compiled rules from"))

        // A rule added for a word of a new item: the edit is compiled and the rule fires.
        try workspace.write(
            "rules/storms.rules", "rule \"Storms\"\n  id storms\n  match storm\n")
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>c</guid><title>Storm hits the coast</title></item>
            </channel></rss>
            """)
        let edited = try workspace.runner.run(
            ["poll", "--all", "--backfill"], environment: verbose)
        #expect(edited.status == 0, "\(edited.standardError)")
        #expect(edited.standardError.contains("rules: compiled (the rules changed)"))
        #expect(workspace.read("alerts.jsonl").contains(#""rule":"storms""#))

        let again = try workspace.runner.run(["poll"], environment: verbose)
        #expect(again.standardError.contains("rules: loaded the compiled rules from"))
    }

    /// A daemon started in `/` and an operator in the config's folder (or
    /// any other) share the compiled rules: the cache's key names the rules
    /// files within their folder, not as the current folder shows them.
    @Test func pollFromAnotherFolderReusesTheCompiledRules() throws {
        let workspace = try Workspace()
        let absolute = [
            "--config", workspace.url("feeds.conf").path, "--rules", workspace.url("rules").path,
        ]
        let first = try workspace.runner.run(["poll", "--backfill"], environment: verbose)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("rules: compiled (no compiled rules at"))
        let compiled = try Data(contentsOf: workspace.url(cache))

        let elsewhere = try Workspace()
        let root = CommandRunner(folder: URL(fileURLWithPath: "/"))
        for runner in [elsewhere.runner, root, workspace.runner] {
            let poll = try runner.run(["poll"] + absolute, environment: verbose)
            #expect(poll.status == 0, "\(runner.folder.path): \(poll.standardError)")
            #expect(
                poll.standardError.contains("rules: loaded the compiled rules from"),
                "\(runner.folder.path): \(poll.standardError)")
            #expect(!poll.standardError.contains("rules: compiled"))
        }
        #expect(try Data(contentsOf: workspace.url(cache)) == compiled)
        // The compiled rules hold no path as messages show it: compiled in
        // `/`, they are the same bytes.
        try FileManager.default.removeItem(at: workspace.url(cache))
        #expect(try root.run(["poll"] + absolute).status == 0)
        #expect(try Data(contentsOf: workspace.url(cache)) == compiled)

        // Messages still name paths that open from where the command runs.
        try workspace.write("rules/broken.rules", "rule \"Oops\"\n  match @nobody\n")
        for runner in [elsewhere.runner, root] {
            let check = try runner.run(["rules", "check"] + absolute)
            #expect(check.status == 65)
            let named = try #require(
                check.standardError.split(separator: "\n").first { $0.contains("broken.rules:2:") },
                "\(check.standardError)")
            let path = String(named.prefix { $0 != ":" })
            #expect(path.hasPrefix("/"), "\(named)")
            #expect(FileManager.default.fileExists(atPath: path), "\(named)")
        }
        // And relative to the folder the rules lie under.
        let local = try workspace.runner.run(["rules", "check"])
        #expect(
            local.standardError.split(separator: "\n").contains {
                $0.hasPrefix("rules/broken.rules:2:")
            }, "\(local.standardError)")
    }

    @Test func aDamagedCacheIsNoticedIgnoredAndRebuilt() throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll", "--backfill"]).status == 0)
        let whole = try Data(contentsOf: workspace.url(cache))
        try whole.prefix(whole.count / 2).write(to: workspace.url(cache))

        // Notices show at the default level: no FEEDWATCH_LOG_LEVEL.
        let poll = try workspace.runner.run(["poll", "--all"])
        #expect(poll.status == 0, "\(poll.standardError)")
        #expect(poll.standardError.contains("discarded the compiled rules at"))
        #expect(poll.standardError.contains("cut short"))
        // Compiled again from the same rules: the same bytes as before the damage.
        #expect(try Data(contentsOf: workspace.url(cache)) == whole)
    }

    @Test func reviewCommandsReadNoRulesAndOnlyThePartsOfFeedsConfTheyUse() throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll", "--backfill"]).status == 0)
        // Broken rules, and a typo in one feed's section and in a sink's.
        try workspace.write("rules/watch.rules", "rule \"Oops\n")
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m

            [feed wire]
            url = file:wire.xml
            intervall = 5m

            [sink ops]
            url = https://hooks.example.org/ops
            formatt = json
            """)

        let alerts = try workspace.runner.run(["alerts", "--json"])
        #expect(alerts.status == 0, "\(alerts.standardError)")
        #expect(alerts.standardOutput.contains(#""rule":"haqqani""#))
        #expect(alerts.standardError.contains("warning: feeds.conf:6:"))
        #expect(alerts.standardError.contains("warning: feeds.conf:10:"))
        #expect(!alerts.standardError.contains("watch.rules"))

        let stories = try workspace.runner.run(["stories", "--json"])
        #expect(stories.status == 0, "\(stories.standardError)")
        #expect(stories.standardOutput.contains(#""reports":"#))
        #expect(stories.standardError.contains("warning: feeds.conf:6:"))
        #expect(!stories.standardError.contains("watch.rules"))

        let feeds = try workspace.runner.run(["feeds"])
        #expect(feeds.status == 0, "\(feeds.standardError)")
        #expect(feeds.standardOutput.contains("wire"))

        let sinks = try workspace.runner.run(["sinks"])
        #expect(sinks.status == 0, "\(sinks.standardError)")

        let state = try workspace.runner.run(["state", "stats"])
        #expect(state.status == 0, "\(state.standardError)")

        // The monitor needs all of it: both problems stop it.
        let poll = try workspace.runner.run(["poll"])
        #expect(poll.status == 65)
        #expect(poll.standardError.contains("feeds.conf:6:"))

        // A part a command does read is still an error for it.
        try workspace.write("feeds.conf", "[monitor]\nalert-logg = elsewhere.jsonl\n")
        let misspelt = try workspace.runner.run(["alerts"])
        #expect(misspelt.status == 65)
        #expect(misspelt.standardError.contains("feeds.conf:2:"))
    }
}
