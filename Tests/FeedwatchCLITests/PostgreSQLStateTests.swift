import Foundation
import PostgreSQLTestSupport
import Testing

/// `state = postgresql://…`: the monitor and the review commands on a
/// PostgreSQL database of the tests' own cluster, its password never shown.
@Suite struct PostgreSQLStateTests {
    /// A workspace whose state is `database`, its password in
    /// `FEEDWATCH_TEST_DB_PASSWORD` through `state-password`, with `feeds`
    /// (one local file feed unless given).
    static func workspace(_ database: TestDatabase, feeds: String? = nil) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            state = \(database.url)
            state-password = env:FEEDWATCH_TEST_DB_PASSWORD
            interval = 10m
            timeout = 5s
            health-notify = off

            \(feeds ?? "[feed wire]\nurl = file:wire.xml")
            """)
        return workspace
    }

    static func environment(_ database: TestDatabase) -> [String: String] {
        ["FEEDWATCH_TEST_DB_PASSWORD": database.password]
    }

    @Test func pollThenEveryReviewCommandReadsTheDatabase() throws {
        let database = try TestPostgreSQL.newDatabase()
        let workspace = try Self.workspace(database)
        let environment = Self.environment(database)

        let poll = try workspace.runner.run(["poll", "--backfill"], environment: environment)
        #expect(poll.status == 0, "\(poll.standardError)")
        // No SQLite file was made for it, and the rules were cached beside feeds.conf.
        #expect(!FileManager.default.fileExists(atPath: workspace.url("state/feedwatch.db").path))
        #expect(
            FileManager.default.fileExists(
                atPath: workspace.url("state/postgresql.compiled-rules").path))

        let alerts = try workspace.runner.run(["alerts"], environment: environment)
        #expect(alerts.status == 0, "\(alerts.standardError)")
        #expect(alerts.standardOutput.contains("Khalilur Rehman Haqqani killed in Kabul"))
        let stories = try workspace.runner.run(["stories"], environment: environment)
        #expect(stories.status == 0, "\(stories.standardError)")
        #expect(stories.standardOutput.contains("Khalilur Rehman Haqqani"))
        let feeds = try workspace.runner.run(["feeds", "--json"], environment: environment)
        #expect(feeds.status == 0, "\(feeds.standardError)")
        #expect(feeds.standardOutput.contains("\"last_success\""))
        let stats = try workspace.runner.run(
            ["state", "stats", "--json"], environment: environment)
        #expect(stats.status == 0, "\(stats.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8))
                as? [String: Any])
        #expect(object["seen_items"] as? Int == 2)
        #expect(object["alerts_indexed"] as? Int == 1)
        #expect(object["feed_states"] as? Int == 1)

        // A second poll on the shared state is not refused as a locked file would be.
        let again = try workspace.runner.run(["poll"], environment: environment)
        #expect(again.status == 0, "\(again.standardError)")
        for output in [poll, alerts, stories, feeds, stats, again] {
            #expect(!(output.standardOutput + output.standardError).contains(database.password))
        }
    }

    @Test func aDatabaseNoMonitorHasUsedIsNoStateYet() throws {
        let database = try TestPostgreSQL.newDatabase()
        let workspace = try Self.workspace(database)

        let stats = try workspace.runner.run(
            ["state", "stats"], environment: Self.environment(database))

        #expect(stats.status == 1, "\(stats.standardError)")
        #expect(
            stats.standardError.contains(
                "feedwatch: state stats: no state at \(database.url) yet: poll first"),
            "\(stats.standardError)")
        let feeds = try workspace.runner.run(["feeds"], environment: Self.environment(database))
        #expect(feeds.status == 0, "\(feeds.standardError)")
    }

    @Test func aWrongPasswordNamesTheDatabaseAndNeverShowsThePassword() throws {
        let database = try TestPostgreSQL.newDatabase()
        let workspace = try Self.workspace(database)
        let wrong = ["FEEDWATCH_TEST_DB_PASSWORD": "hunter2-wrong"]

        let poll = try workspace.runner.run(["poll"], environment: wrong)
        #expect(poll.status == 65, "\(poll.standardError)")
        #expect(poll.standardError.contains("store: cannot open \(target(database))"))
        #expect(poll.standardError.contains("password authentication failed"))
        let alerts = try workspace.runner.run(["alerts"], environment: wrong)
        #expect(alerts.status == 1, "\(alerts.standardError)")
        #expect(alerts.standardError.contains("store: cannot open \(target(database))"))
        for output in [poll, alerts] {
            #expect(!output.standardError.contains("hunter2"))
        }
    }

    @Test func anUnsetPasswordVariableIsNamedWithTheDatabase() throws {
        let database = try TestPostgreSQL.newDatabase()
        let workspace = try Self.workspace(database)

        let poll = try workspace.runner.run(["poll"])

        #expect(poll.status == 65, "\(poll.standardError)")
        #expect(
            poll.standardError.contains(
                "store: cannot open \(database.url): state-password names environment variable FEEDWATCH_TEST_DB_PASSWORD, which is not set"
            ), "\(poll.standardError)")
    }

    @Test func aPasswordWrittenInTheURLIsNeverShown() throws {
        let database = try TestPostgreSQL.newDatabase()
        let workspace = try Workspace()
        let withPassword = database.url.replacingOccurrences(
            of: "feedwatch@", with: "feedwatch:\(database.password)@")
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            state = \(withPassword)

            [feed wire]
            url = file:wire.xml
            """)

        let poll = try workspace.runner.run(["poll"])
        #expect(poll.status == 0, "\(poll.standardError)")
        let backup = try workspace.runner.run(["state", "backup", "copy.db"])
        let reindex = try workspace.runner.run(["alerts", "reindex"])

        // SQLite-file commands say what to do for a database instead.
        #expect(backup.status == 1)
        #expect(backup.standardError.contains("pg_dump"), "\(backup.standardError)")
        #expect(reindex.status == 1)
        #expect(
            reindex.standardError.contains("is shared by a fleet of monitors"),
            "\(reindex.standardError)")
        for output in [poll, backup, reindex] {
            #expect(!(output.standardOutput + output.standardError).contains(database.password))
        }
    }

    /// user@host:port/database, as libpq names the place it connected to.
    private func target(_ database: TestDatabase) -> String {
        String(database.url.dropFirst("postgresql://".count))
    }
}
