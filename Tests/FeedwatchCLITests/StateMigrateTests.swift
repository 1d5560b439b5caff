import Foundation
import PostgreSQLStore
import PostgreSQLTestSupport
import SQLiteStore
import Store
import Testing

/// `feedwatch state migrate --to postgresql://…`: a state a real poll made,
/// copied into a throwaway PostgreSQL database, as a user moves a desk.
@Suite struct StateMigrateTests {
    @Test func aPolledStateArrivesWholeAndASecondCopyIsRefused() throws {
        let workspace = try Workspace()
        try writeSeveralAlerts(workspace)
        let poll = try workspace.runner.run(["poll", "--backfill"])
        #expect(poll.status == 0, "\(poll.standardError)")
        let database = try TestPostgreSQL.newDatabase()
        let environment = ["DESK_PASSWORD": database.password]

        let migrate = try workspace.runner.run(
            ["state", "migrate", "--to", database.url, "--password-env", "DESK_PASSWORD"],
            environment: environment)

        #expect(migrate.status == 0, "\(migrate.standardError)")
        #expect(migrate.standardOutput.contains("every count matches"))
        #expect(!migrate.standardOutput.contains("differs"))
        #expect(!(migrate.standardOutput + migrate.standardError).contains(database.password))
        let sqlite = try SQLiteStateStore(
            path: workspace.url("state/feedwatch.db").path, access: .readOnly)
        let postgreSQL = try PostgreSQLStateStore(
            url: database.url, password: database.password, access: .readOnly)
        for kind in StateRecordKind.allCases {
            #expect(try sqlite.recordCount(of: kind) == postgreSQL.recordCount(of: kind), "\(kind)")
            // The table names each kind with its count on both sides.
            let count = try sqlite.recordCount(of: kind)
            #expect(
                migrate.standardOutput.split(separator: "\n").contains {
                    $0.split(separator: " ").map(String.init) == [
                        kind.rawValue, "\(count)", "\(count)",
                    ]
                }, "\(kind) in \(migrate.standardOutput)")
        }
        #expect(try sqlite.recordCount(of: .alertsIndexed) == 3)
        // What `alerts` and `stories` read comes out of PostgreSQL the same.
        #expect(
            try sqlite.alerts(matching: AlertIndexFilter())
                == postgreSQL.alerts(matching: AlertIndexFilter()))
        #expect(try sqlite.stories(lastSeenSince: nil) == postgreSQL.stories(lastSeenSince: nil))
        #expect(try !postgreSQL.stories(lastSeenSince: nil).isEmpty)
        #expect(
            try sqlite.archivedItems(since: .distantPast)
                == postgreSQL.archivedItems(since: .distantPast))

        let again = try workspace.runner.run(
            ["state", "migrate", "--to", database.url, "--password-env", "DESK_PASSWORD"],
            environment: environment)

        #expect(again.status == 1, "\(again.standardError)")
        #expect(again.standardError.contains("holds feedwatch state already"))
        #expect(try postgreSQL.recordCount(of: .alertsIndexed) == 3)
    }

    @Test func aBadURLOrAMissingPasswordVariableIsABadInputAndNothingIsEchoed() throws {
        let workspace = try Workspace()
        #expect(try workspace.runner.run(["poll", "--backfill"]).status == 0)

        for url in [
            "state/other.db", "mysql://desk:hunter2@db/feedwatch",
            "postgresql://desk:hunter2@db:port/x",
        ] {
            let refused = try workspace.runner.run(["state", "migrate", "--to", url])
            #expect(refused.status == 65, "\(url): \(refused.standardError)")
            #expect(refused.standardError.contains("--to must be a URL"), "\(url)")
            #expect(!refused.standardError.contains("hunter2"))
        }
        let noVariable = try workspace.runner.run([
            "state", "migrate", "--to", "postgresql://desk@127.0.0.1/feedwatch",
            "--password-env", "FEEDWATCH_TEST_UNSET_VARIABLE",
        ])
        #expect(noVariable.status == 65, "\(noVariable.standardError)")
        #expect(noVariable.standardError.contains("FEEDWATCH_TEST_UNSET_VARIABLE"))
    }

    @Test func aRunningMonitorKeepsTheStateFromBeingCopied() throws {
        let workspace = try Workspace()
        let monitor = try workspace.runner.start(
            ["run", "--backfill"], standardError: workspace.url("run.log"))
        defer {
            if monitor.isRunning { kill(monitor.processIdentifier, SIGKILL) }
        }
        try waitUntil { workspace.read("alerts.jsonl").contains("\"haqqani\"") }
        let database = try TestPostgreSQL.newDatabase()

        let refused = try workspace.runner.run(
            ["state", "migrate", "--to", database.url],
            environment: ["PGPASSWORD": database.password])

        #expect(refused.status == 75, "\(refused.standardError)")
        #expect(refused.standardError.contains("locked by a running monitor: stop it first"))
        let postgreSQL = try PostgreSQLStateStore(url: database.url, password: database.password)
        #expect(try postgreSQL.recordCount(of: .feedStates) == 0)
    }

    /// A feed with three alerts, two of them in one story.
    private func writeSeveralAlerts(_ workspace: Workspace) throws {
        try workspace.write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title></item>
            <item><guid>b</guid><title>Storm closes airports</title></item>
            <item><guid>c</guid><title>Khalil Haqqani seen in Khost before talks</title></item>
            <item><guid>d</guid><title>Khalil Haqqani funeral held in Kabul</title></item>
            </channel></rss>
            """)
    }
}
