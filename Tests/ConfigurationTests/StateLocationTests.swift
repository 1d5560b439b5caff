import Foundation
import Testing

@testable import Configuration

/// `[monitor] state`: a file's path, resolved against feeds.conf's folder, or
/// a PostgreSQL URL kept as written, with `state-password`.
@Suite struct StateLocationTests {
    @Test(arguments: [
        "postgresql://desk@db.example.org:5432/feedwatch",
        "postgres://desk@db.example.org/feedwatch",
        "POSTGRESQL://desk@db.example.org/feedwatch?sslmode=require",
    ])
    func aPostgreSQLURLIsKeptAsWrittenNotResolvedAsAPath(url: String) throws {
        let configuration = try parse("[monitor]\nstate = \(url)\n")

        #expect(configuration.settings.state == .postgreSQL(url: url, password: nil))
        #expect(configuration.settings.state.sqlitePath == nil)
        #expect(configuration.settings.state.isShared)
    }

    @Test func aPathThatMerelyStartsLikeAURLIsAFile() throws {
        let configuration = try parse("[monitor]\nstate = postgresql-state.db\n")

        #expect(
            configuration.settings.state == .sqliteFile(path: "/srv/feedwatch/postgresql-state.db"))
        #expect(!configuration.settings.state.isShared)
    }

    @Test func statePasswordFromTheEnvironmentIsReadWhenAsked() throws {
        let configuration = try parse(
            """
            [monitor]
            state-password = env:FEEDWATCH_DB_PASSWORD
            state = postgresql://desk@db.example.org/feedwatch
            """)
        let state = configuration.settings.state

        #expect(
            state
                == .postgreSQL(
                    url: "postgresql://desk@db.example.org/feedwatch",
                    password: .environment("FEEDWATCH_DB_PASSWORD")))
        #expect(
            try state.postgreSQLPassword(environment: ["FEEDWATCH_DB_PASSWORD": "hunter2"])
                == "hunter2")
        let unset = #expect(throws: StatePasswordError.self) {
            try state.postgreSQLPassword(environment: [:])
        }
        #expect(
            unset?.description
                == "postgresql://desk@db.example.org/feedwatch: state-password names environment variable FEEDWATCH_DB_PASSWORD, which is not set"
        )
    }

    @Test func withoutStatePasswordLibpqFindsOne() throws {
        let configuration = try parse("[monitor]\nstate = postgresql://desk@db/feedwatch\n")

        #expect(try configuration.settings.state.postgreSQLPassword(environment: [:]) == nil)
    }

    @Test func aStatePasswordForAFileIsAProblemOfTheState() throws {
        let reading = ConfigurationReading.parse(
            text: "[monitor]\nstate = state/x.db\nstate-password = env:PW\n", file: "feeds.conf",
            directory: URL(fileURLWithPath: "/srv/feedwatch"))

        let refused = #expect(throws: ConfigurationError.self) {
            try reading.configuration(needing: .monitor("state"))
        }
        #expect(
            refused?.description
                == "feeds.conf:3: config: state-password: only a PostgreSQL state (state = postgresql://…) takes a password; state/x.db is a file"
        )
    }

    @Test(arguments: [
        (
            "postgresql://desk:hunter2@db.example.org:5432/feedwatch",
            "postgresql://desk@db.example.org:5432/feedwatch"
        ),
        (
            "postgresql://desk:hunter2@db.example.org/feedwatch?sslmode=require&password=hunter2",
            "postgresql://desk@db.example.org/feedwatch?sslmode=require"
        ),
        (
            "postgres://db.example.org/feedwatch?PASSWORD=hunter2",
            "postgres://db.example.org/feedwatch"
        ),
        ("postgresql://a:b:hunter2@db/x", "postgresql://a@db/x"),
        ("postgresql://desk@db.example.org", "postgresql://desk@db.example.org"),
    ])
    func theShownStateNeverCarriesThePassword(written: String, shown: String) throws {
        let configuration = try parse("[monitor]\nstate = \(written)\n")

        #expect(configuration.settings.state.description == shown)
        #expect(!"\(configuration.settings.state)".contains("hunter2"))
    }

    @Test func anUnsetVariableNameIsCheckedLikeAFeedPassword() throws {
        let refused = #expect(throws: ConfigurationError.self) {
            try parse("[monitor]\nstate = postgresql://desk@db/x\nstate-password = env:9bad\n")
        }
        #expect(
            refused?.description
                == "feeds.conf:3: config: state-password: '9bad' is not an environment variable name"
        )
    }
}
