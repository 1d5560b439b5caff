import Foundation
import PostgreSQLClient
import PostgreSQLTestSupport
import Testing

@Suite struct PostgreSQLConnectionTests {
    @Test func parametersGoInTypedAndComeBackTyped() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        let moment = Date(timeIntervalSince1970: 1_764_790_000.123_456_789)

        let rows = try connection.execute(
            "SELECT $1::text, $2::bigint, $3::float8, $4::boolean, $5::float8, $6::bytea, $7::text",
            [
                .text("Khalil Haqqani's «raid» ✓"), .integer(-42), .double(0.1),
                .boolean(true), .date(moment), .bytes([0, 1, 254, 255]), .null,
            ])

        #expect(rows.count == 1)
        let row = rows[0]
        #expect(try row.string(0) == "Khalil Haqqani's «raid» ✓")
        #expect(try row.int(1) == -42)
        #expect(try row.double(2) == 0.1)
        #expect(try row.bool(3))
        // Exactly the Date that went in, to the last bit of the double.
        #expect(try row.date(4) == moment)
        #expect(try row.bytes(5) == [0, 1, 254, 255])
        #expect(row.isNull(6))
        #expect(row.optionalString(6) == nil)
        #expect(try row.optionalInt(6) == nil)
    }

    @Test func aParameterIsDataNeverSQL() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        try connection.execute("CREATE TABLE note (text TEXT NOT NULL)")
        let hostile = "x'); DROP TABLE note; --"

        try connection.execute("INSERT INTO note (text) VALUES ($1)", [.text(hostile)])

        let rows = try connection.execute("SELECT text FROM note")
        #expect(try rows.map { try $0.string(0) } == [hostile])
    }

    @Test func aRefusedStatementCarriesTheServersSQLState() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        try connection.execute("CREATE TABLE alert (id TEXT PRIMARY KEY)")
        try connection.execute("INSERT INTO alert (id) VALUES ($1)", [.text("a1")])

        let duplicate = #expect(throws: PostgreSQLError.self) {
            try connection.execute("INSERT INTO alert (id) VALUES ($1)", [.text("a1")])
        }
        #expect(duplicate?.isUniqueViolation == true)
        #expect(duplicate?.description.contains("SQLSTATE 23505") == true)
        #expect(duplicate?.description.contains("alert_pkey") == true)

        let missing = #expect(throws: PostgreSQLError.self) {
            try connection.execute("SELECT * FROM no_such_table")
        }
        #expect(missing?.sqlState == "42P01")
        // The connection is still usable after a refusal.
        #expect(try connection.execute("SELECT 1")[0].int(0) == 1)
    }

    @Test func aValueReadAsTheWrongTypeIsATypedError() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        let row = try connection.execute("SELECT 'ten' AS count, NULL::text AS title")[0]

        #expect(
            throws: PostgreSQLError.unexpectedValue(
                column: "count", expected: "an integer", found: "ten")
        ) {
            try row.int(0)
        }
        #expect(
            throws: PostgreSQLError.unexpectedValue(column: "title", expected: "text", found: nil)
        ) {
            try row.string(1)
        }
    }

    @Test func aTransactionThatThrowsLeavesNothingBehind() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        try connection.execute("CREATE TABLE seen (id TEXT PRIMARY KEY)")
        struct Interrupted: Error {}

        #expect(throws: Interrupted.self) {
            try connection.transaction(
                { () throws(Interrupted) in
                    _ = try? connection.execute("INSERT INTO seen (id) VALUES ('a')")
                    throw Interrupted()
                }, failure: { _ in Interrupted() })
        }
        // A statement failing inside makes the commit a rollback, reported as such.
        let aborted = #expect(throws: PostgreSQLError.self) {
            try connection.transaction { () throws(PostgreSQLError) in
                try connection.execute("INSERT INTO seen (id) VALUES ('b')")
                _ = try? connection.execute("INSERT INTO seen (id) VALUES ('b')")
            }
        }
        #expect(aborted?.sqlState == "25P02")
        try connection.transaction { () throws(PostgreSQLError) in
            try connection.execute("INSERT INTO seen (id) VALUES ('c')")
        }

        let rows = try connection.execute("SELECT id FROM seen ORDER BY id")
        #expect(try rows.map { try $0.string(0) } == ["c"])
    }

    @Test func affectedRowsAreCounted() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()
        try connection.executeScript(
            "CREATE TABLE feed (name TEXT); INSERT INTO feed VALUES ('a'), ('b'), ('c');")

        let deleted = try connection.execute("DELETE FROM feed WHERE name <> $1", [.text("a")])

        #expect(deleted.affectedRowCount == 2)
        #expect(deleted.isEmpty)
    }

    @Test func aWrongPasswordIsRefusedNamingTheServerButNotThePassword() throws {
        let database = try TestPostgreSQL.newDatabase()

        let refused = #expect(throws: PostgreSQLError.self) {
            try PostgreSQLConnection(url: database.url, password: "not-the-password")
        }

        guard case .cannotConnect(let target, let message) = refused else {
            Issue.record("expected cannotConnect, got \(String(describing: refused))")
            return
        }
        #expect(target == "feedwatch@127.0.0.1:\(database.cluster.port)/\(database.name)")
        #expect(message.contains("password authentication failed"))
        #expect(refused?.description.contains("not-the-password") == false)
    }

    @Test func aPasswordInTheURLIsOverriddenByTheOneGiven() throws {
        let database = try TestPostgreSQL.newDatabase()
        let url = database.url.replacingOccurrences(
            of: "feedwatch@", with: "feedwatch:wrong@")

        let connection = try PostgreSQLConnection(url: url, password: database.password)

        #expect(try connection.execute("SELECT current_database()")[0].string(0) == database.name)
    }

    @Test func aTextWithANulIsRefusedBeforeItIsSent() throws {
        let connection = try TestPostgreSQL.newDatabase().connect()

        #expect(throws: PostgreSQLError.unsendableText(parameter: 2)) {
            try connection.execute("SELECT $1::text, $2::text", [.text("fine"), .text("a\u{0}b")])
        }
    }
}

@Suite struct PostgreSQLNotificationTests {
    @Test func aListenerHearsWhatAnotherSessionCommits() throws {
        let database = try TestPostgreSQL.newDatabase()
        let listener = try database.connect()
        let sender = try database.connect()
        try listener.listen("new \"alerts\"")

        // Sent in a transaction that is rolled back: never delivered.
        struct Abandoned: Error {}
        #expect(throws: Abandoned.self) {
            try sender.transaction(
                { () throws(Abandoned) in
                    _ = try? sender.notify("new \"alerts\"", payload: "rolled-back")
                    throw Abandoned()
                }, failure: { _ in Abandoned() })
        }
        try sender.notify("new \"alerts\"", payload: "a1")
        try sender.notify("other", payload: "not listened to")

        // Waits for the notification's arrival (a minute at most, so that a lost one fails).
        var received: [PostgreSQLNotification] = []
        for _ in 0..<6 where received.isEmpty {
            received += try listener.notifications(waitingUpTo: 10)
        }

        #expect(received.map(\.payload) == ["a1"])
        #expect(received.first?.channel == "new \"alerts\"")
        let senderProcess = try sender.execute("SELECT pg_backend_pid()")[0].int(0)
        #expect(received.first?.senderProcessID == senderProcess)
    }
}
