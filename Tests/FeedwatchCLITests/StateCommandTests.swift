import Foundation
import Testing

/// `feedwatch state …` as a user runs it, beside a running monitor or not.
@Suite struct StateCommandTests {
    @Test func statsJSONCountsEveryKindWithoutTheRules() throws {
        let workspace = try Workspace()
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        // The state commands never read the rules: a broken rules folder is no obstacle.
        try workspace.write("rules/watch.rules", "rule \"Oops\n")

        let stats = try workspace.runner.run(["state", "stats", "--json"])

        #expect(stats.status == 0, "\(stats.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8))
                as? [String: Any])
        for key in [
            "archived_items", "seen_items", "stories", "outbox", "alerts_indexed", "file_bytes",
        ] {
            #expect(object[key] is Int, "\(key) in \(stats.standardOutput)")
        }
        #expect(object["seen_items"] as? Int == 2)
        #expect(object["archived_items"] as? Int == 2)
        #expect(object["alerts_indexed"] as? Int == 1)
        #expect((object["file_bytes"] as? Int ?? 0) > 0)
        // The first poll applied retention (due on a new state) and recorded when.
        #expect(object["last_prune"] is String)

        let table = try workspace.runner.run(["state", "stats"])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("seen items"))
    }

    @Test func pruneAndVacuumWaitForTheMonitorWhileStatsAndBackupWorkBesideIt() throws {
        let workspace = try Workspace()
        let monitor = try workspace.runner.start(
            ["run", "--backfill"], standardError: workspace.url("run.log"))
        defer {
            if monitor.isRunning { kill(monitor.processIdentifier, SIGKILL) }
        }
        try waitUntil { workspace.read("alerts.jsonl").contains("\"haqqani\"") }

        for command in ["prune", "vacuum"] {
            let refused = try workspace.runner.run(["state", command])
            #expect(refused.status == 75, "state \(command): \(refused.standardError)")
            #expect(refused.standardError.contains("locked by a running monitor"))
        }
        // Every command that needs the monitor's lock says the same: 75, try again later.
        for command in [["poll"], ["alerts", "reindex"]] {
            let refused = try workspace.runner.run(command)
            #expect(refused.status == 75, "\(command): \(refused.standardError)")
            #expect(refused.standardError.contains("in use by another feedwatch"))
        }
        let stats = try workspace.runner.run(["state", "stats", "--json"])
        #expect(stats.status == 0, "\(stats.standardError)")
        let backup = try workspace.runner.run(["state", "backup", "copy.db"])
        #expect(backup.status == 0, "\(backup.standardError)")
        #expect(backup.standardOutput.contains("copied to copy.db"))
        #expect(monitor.isRunning)

        kill(monitor.processIdentifier, SIGTERM)
        #expect(workspace.runner.finish(monitor).status == 0)
        let prune = try workspace.runner.run(["state", "prune"])
        #expect(prune.status == 0, "\(prune.standardError)")
        #expect(prune.standardOutput.contains("retention removed 0 seen items"))
        let vacuum = try workspace.runner.run(["state", "vacuum"])
        #expect(vacuum.status == 0, "\(vacuum.standardError)")
        #expect(vacuum.standardOutput.contains("before"))

        // The copy is a state feedwatch opens: its alert is there to review.
        try workspace.write(
            "copy.conf", "[monitor]\nstate = copy.db\n\n[feed wire]\nurl = file:wire.xml\n")
        let review = try workspace.runner.run(["alerts", "--config", "copy.conf", "--json"])
        #expect(review.status == 0, "\(review.standardError)")
        #expect(review.standardOutput.contains("\"haqqani\""))
        let copied = try workspace.runner.run(["state", "stats", "--config", "copy.conf", "--json"])
        #expect(copied.standardOutput.contains("\"seen_items\":2"))
    }

    @Test func backupNeverOverwritesWithoutForce() throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll"]).status == 0)
        try workspace.write("copy.db", "keep me")

        let refused = try workspace.runner.run(["state", "backup", "copy.db"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("copy.db exists; pass --force"))
        #expect(workspace.read("copy.db") == "keep me")

        let forced = try workspace.runner.run(["state", "backup", "copy.db", "--force"])
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(workspace.read("copy.db") != "keep me")
    }

    @Test func retentionKeysAreValidatedWithTheirLine() throws {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            "[monitor]\narchive = 120d\nforget = 1 month\n\n[feed wire]\nurl = file:wire.xml\n")

        let stats = try workspace.runner.run(["state", "stats"])

        #expect(stats.status == 65)
        #expect(
            stats.standardError.contains(
                "feeds.conf:3: config: forget: '1 month' is not a duration"))
        try workspace.write(
            "feeds.conf",
            "[monitor]\narchive = 120d\nforget = 90d\n\n[feed wire]\nurl = file:wire.xml\n")
        let longer = try workspace.runner.run(["state", "stats"])
        #expect(longer.status == 65)
        #expect(
            longer.standardError.contains(
                "feeds.conf:2: config: archive (120d) is longer than forget (90d)"))
    }
}
