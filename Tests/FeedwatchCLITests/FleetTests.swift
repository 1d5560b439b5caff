import Foundation
import PostgreSQLClient
import PostgreSQLTestSupport
import TestHTTPServer
import Testing

/// Several `feedwatch poll` processes on one PostgreSQL state, as a fleet of
/// hosts runs them: 300 feeds served on 127.0.0.1, every feed fetched by one
/// of them, every alert raised once, in the database and across their logs.
@Suite struct FleetTests {
    static let feedCount = 300

    /// The feeds, each with one item the rule alerts on and one it does not.
    static func serveFeeds(
        on server: TestHTTPServer, answering: @escaping @Sendable (String) -> Bool = { _ in true }
    ) {
        for number in 0..<feedCount {
            let path = "/feed-\(number).xml"
            let feed = ScriptedResponse.text(
                """
                <rss version="2.0"><channel><title>Wire \(number)</title>
                <item><guid>wire-\(number)-a</guid><title>Khalilur Rehman Haqqani speaks in district \(number)</title></item>
                <item><guid>wire-\(number)-b</guid><title>Weather report \(number)</title></item>
                </channel></rss>
                """)
            server.route(path) { _ in answering(path) ? feed : feed.delayed(by: 60) }
        }
    }

    /// A host of the fleet: its own folder, feeds.conf, rules and alert log, on the shared database.
    static func member(_ database: TestDatabase, server: TestHTTPServer) throws -> Workspace {
        let feeds = (0..<feedCount).map { number in
            "[feed wire-\(number)]\nurl = \(server.url("/feed-\(number).xml"))\n"
        }
        return try PostgreSQLStateTests.workspace(database, feeds: feeds.joined(separator: "\n"))
    }

    static func environment(_ database: TestDatabase) -> [String: String] {
        PostgreSQLStateTests.environment(database)
    }

    /// Every feed was fetched once, and every alert raised once: one record
    /// across the members' logs, one entry in the database.
    static func expectEachFeedFetchedOnceAndEachAlertRaisedOnce(
        server: TestHTTPServer, members: [Workspace], database: TestDatabase
    ) throws {
        let requests = Dictionary(grouping: server.requests, by: \.path).mapValues(\.count)
        #expect(requests.count == feedCount)
        #expect(requests.values.allSatisfy { $0 == 1 }, "\(requests.filter { $0.value > 1 })")
        let logged = members.flatMap(loggedAlertIDs)
        #expect(logged.count == feedCount)
        #expect(Set(logged).count == logged.count)
        #expect(try count("SELECT count(*) FROM alert_index", in: database) == feedCount)
        #expect(
            try count("SELECT count(DISTINCT alert_id) FROM alert_index", in: database)
                == feedCount)
        #expect(
            try count("SELECT count(*) FROM feed_lease WHERE holder IS NOT NULL", in: database)
                == 0)
    }

    /// The ids of the records in a member's alert log, in order.
    static func loggedAlertIDs(_ member: Workspace) -> [String] {
        member.read("alerts.jsonl").split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String
        }
    }

    /// Runs `poll --backfill` in each member at once and waits for all; standard error goes to `poll.log`.
    static func pollAtOnce(_ members: [Workspace], environment: [String: String]) throws
        -> [Int32]
    {
        let processes = try members.map { member in
            try member.runner.start(
                ["poll", "--backfill"], standardError: member.url("poll.log"),
                environment: environment)
        }
        return processes.map { process in
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    static func count(_ sql: String, in database: TestDatabase) throws -> Int {
        try database.connect().execute(sql)[0].int(0)
    }

    @Test func threePollsShareThreeHundredFeedsFetchingEachOnceAndAlertingOnce() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        Self.serveFeeds(on: server)
        let members = try (0..<3).map { _ in try Self.member(database, server: server) }

        let statuses = try Self.pollAtOnce(members, environment: Self.environment(database))

        for (status, member) in zip(statuses, members) {
            #expect(status == 0, "\(member.read("poll.log"))")
        }
        try Self.expectEachFeedFetchedOnceAndEachAlertRaisedOnce(
            server: server, members: members, database: database)
        // One incident reported by every feed is one story, as one monitor
        // alone makes it: the members place reports one at a time.
        #expect(try Self.count("SELECT count(*) FROM story", in: database) == 1)

        // Another poll finds nothing due: each feed's next poll was committed with it.
        server.clearRequests()
        let again = try members[0].runner.run(["poll"], environment: Self.environment(database))
        #expect(again.status == 0, "\(again.standardError)")
        #expect(server.requests.isEmpty)

        // The review commands of any member read the whole fleet's state.
        let stats = try members[1].runner.run(
            ["state", "stats", "--json"], environment: Self.environment(database))
        #expect(stats.status == 0, "\(stats.standardError)")
        #expect(stats.standardOutput.contains("\"alerts_indexed\":\(Self.feedCount)"))
        let feeds = try members[2].runner.run(["feeds"], environment: Self.environment(database))
        #expect(feeds.status == 0, "\(feeds.standardError)")
        #expect(feeds.standardOutput.contains("wire-299"))
        let alerts = try members[0].runner.run(
            ["alerts", "--folded"], environment: Self.environment(database))
        #expect(alerts.status == 0, "\(alerts.standardError)")
        let rows = alerts.standardOutput.split(separator: "\n").filter { $0.contains("haqqani") }
        #expect(rows.count == Self.feedCount, "\(alerts.standardOutput)")
    }

    @Test func twoRunningMonitorsEachPollAFeedOnlyWhenTheyClaimIt() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        Self.serveFeeds(on: server)
        let members = try (0..<2).map { _ in try Self.member(database, server: server) }
        let monitors = try members.map { member in
            try member.runner.start(
                ["run", "--backfill"], standardError: member.url("run.log"),
                environment: Self.environment(database))
        }
        defer {
            for monitor in monitors where monitor.isRunning { monitor.terminate() }
        }

        try waitUntil(timeout: 60) {
            (try? Self.count(
                "SELECT count(*) FROM feed_state WHERE last_success IS NOT NULL", in: database))
                == Self.feedCount
        }
        for monitor in monitors {
            kill(monitor.processIdentifier, SIGTERM)
            monitor.waitUntilExit()
        }

        for (monitor, member) in zip(monitors, members) {
            #expect(monitor.terminationStatus == 0, "\(member.read("run.log"))")
        }
        try Self.expectEachFeedFetchedOnceAndEachAlertRaisedOnce(
            server: server, members: members, database: database)
    }

    @Test func aPollKilledMidPassLeavesItsFeedsToTheOthersOnceItsLeasesRunOut() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        // After the first `answered` feeds, new feeds stall until the gate opens.
        let gate = Gate(answered: 20)
        Self.serveFeeds(on: server) { gate.answers($0) }
        let members = try (0..<3).map { _ in try Self.member(database, server: server) }
        let environment = Self.environment(database)

        let doomed = try members[0].runner.start(
            ["poll", "--backfill"], standardError: members[0].url("poll.log"),
            environment: environment)
        // Its first feeds are committed and it waits on stalled transfers: kill it there.
        try waitUntil(timeout: 30) {
            (try? Self.count("SELECT count(*) FROM feed_state", in: database)) == 20
                && server.requests.count >= 22
        }
        kill(doomed.processIdentifier, SIGKILL)
        doomed.waitUntilExit()
        let holder = "%:\(doomed.processIdentifier):%"
        let held = try Self.count(
            "SELECT count(*) FROM feed_lease WHERE holder LIKE '\(holder)' AND feed NOT IN (SELECT name FROM feed_state)",
            in: database)
        #expect(held > 0)
        gate.open()

        // The others carry on at once with every feed but those the dead one holds.
        let statuses = try Self.pollAtOnce(Array(members[1...]), environment: environment)
        #expect(statuses == [0, 0], "\(members[1].read("poll.log"))\(members[2].read("poll.log"))")
        #expect(
            try Self.count("SELECT count(*) FROM feed_state", in: database)
                == Self.feedCount - held)

        // Once its leases run out, the next poll takes its feeds over.
        try waitUntil(timeout: 60) {
            (try? Self.count(
                "SELECT count(*) FROM feed_lease WHERE holder LIKE '\(holder)' AND expires_at > \(Date().timeIntervalSinceReferenceDate)",
                in: database)) == 0
        }
        let takeover = try members[1].runner.run(["poll", "--backfill"], environment: environment)
        #expect(takeover.status == 0, "\(takeover.standardError)")

        #expect(
            try Self.count(
                "SELECT count(*) FROM feed_state WHERE last_success IS NOT NULL", in: database)
                == Self.feedCount)
        let requests = Dictionary(grouping: server.requests, by: \.path).mapValues(\.count)
        #expect(requests.count == Self.feedCount)
        // Only the transfers the dead process left stalled were made twice.
        #expect(Set(requests.filter { $0.value > 1 }.keys) == gate.stalled)
        #expect(requests.values.allSatisfy { $0 <= 2 })
        let logged = members.flatMap(Self.loggedAlertIDs)
        #expect(logged.count == Self.feedCount)
        #expect(Set(logged).count == logged.count)
        #expect(
            try Self.count("SELECT count(DISTINCT alert_id) FROM alert_index", in: database)
                == Self.feedCount)
    }
}

/// Answers the first `answered` feeds; then each feed's first request stalls
/// until `open()`, and every request after that is answered.
final class Gate: @unchecked Sendable {
    // @unchecked Sendable: every field is used with `lock` held.
    private let lock = NSLock()
    private let limit: Int
    private var answeredPaths: Set<String> = []
    private var stalledPaths: Set<String> = []
    private var isOpen = false

    init(answered: Int) { limit = answered }

    var stalled: Set<String> { lock.withLock { stalledPaths } }

    func open() { lock.withLock { isOpen = true } }

    func answers(_ path: String) -> Bool {
        lock.withLock {
            if isOpen || answeredPaths.count < limit || stalledPaths.contains(path) {
                answeredPaths.insert(path)
                return true
            }
            stalledPaths.insert(path)
            return false
        }
    }
}
