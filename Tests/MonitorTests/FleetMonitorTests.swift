import AlertLog
import FeedFetcher
import Foundation
import Logging
import PostgreSQLStore
import PostgreSQLTestSupport
import Store
import TestHTTPServer
import Testing

@testable import Monitor

/// Monitors sharing one PostgreSQL state, each a pass of its own with its own
/// connection, feeds and alert log, as on two hosts.
@Suite struct FleetMonitorTests {
    /// One incident as two outlets report it.
    static let agencyReport = PipelinePassTests.rss(items: [
        (
            id: "flash", title: "Khalil Haqqani killed in Kabul suicide bombing",
            text: "Minister Khalil Haqqani was killed by a suicide bomber at his ministry in Kabul."
        )
    ])
    static let gazetteReport = PipelinePassTests.rss(items: [
        (
            id: "update", title: "Suicide bombing in Kabul kills Khalil Haqqani",
            text: "A suicide bomber killed Minister Khalil Haqqani at the ministry in Kabul."
        )
    ])

    @Test func twoMonitorsPlacingOneIncidentAtOnceStartOneStory() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        let agencyPlaced = DispatchSemaphore(value: 0)
        server.route("/gazette.xml") { _ in
            // The gazette's report reaches its monitor only once the other
            // monitor has placed and stored the agency's.
            _ = agencyPlaced.wait(timeout: .now() + 60)
            return .text(Self.gazetteReport)
        }
        let agency = try MonitorFixture(feeds: ["agency": "file:feeds/agency.xml"])
        try agency.writeFeed("agency.xml", Self.agencyReport)
        let gazette = try MonitorFixture(feeds: [
            "gazette": server.url("/gazette.xml").absoluteString
        ])
        let first = try FleetMonitor(agency, on: database)
        let second = try FleetMonitor(gazette, on: database)

        // The gazette's monitor starts first: it has read the stories (none
        // yet) when the agency's report is placed.
        let secondPass = Thread { second.poll() }
        secondPass.start()
        #expect(server.waitForRequests(1, timeout: 30))
        first.poll()
        agencyPlaced.signal()
        second.waitUntilPolled()

        #expect(first.summary?.failures == [])
        #expect(second.summary?.failures == [])
        let stories = try first.store.stories(lastSeenSince: nil)
        #expect(stories.count == 1)
        #expect(stories.first?.feeds == ["agency", "gazette"])
        // The rule alerted once on the incident; the second report folded into its story.
        let attacks = try (agency.loggedAlerts() + gazette.loggedAlerts()).filter {
            $0.rule == "haqqani-attack"
        }
        #expect(attacks.map(\.kind) == [.alert, .report])
        #expect(Set(attacks.map(\.story)).count == 1)
    }

    @Test func twoFetchersSharingTheStateKeepTwoTransfersPerHost() throws {
        let database = try TestPostgreSQL.newDatabase()
        let server = try TestHTTPServer()
        defer { server.stop() }
        let counter = InFlightCounter()
        server.route(
            "/feed",
            counter.handler(
                holding: 0.15,
                answer: .text(PipelinePassTests.rss(items: [PipelinePassTests.storm]))))
        let stores = try (0..<2).map { _ in
            try PostgreSQLStateStore(url: database.url, password: database.password)
        }
        // Alone, each would send two at once to the host: four together.
        let fetchers = stores.map { store in
            FeedFetcher(
                options: FetchOptions(concurrency: 8, perHost: 2, timeout: 30),
                sharedHostSlots: StoreHostSlots(store: store, logger: Logger(label: "tests")))
        }
        let results = FetchResults()

        DispatchQueue.concurrentPerform(iterations: fetchers.count) { index in
            let requests = (0..<6).map {
                FeedRequest(
                    feedName: "m\(index)-\($0)", url: server.url("/feed?m=\(index)&n=\($0)"))
            }
            fetchers[index].fetch(requests) { results.add($0) }
        }

        #expect(results.count == 12)
        #expect(results.allFetched)
        #expect(counter.maximum <= 2)
    }
}

/// One monitor of the fleet: a fixture's feeds and rules over the shared state.
final class FleetMonitor: @unchecked Sendable {
    // @unchecked Sendable: `pass` runs on one thread at a time, and
    // `summary` is written before `polled` is signalled and read after.
    let store: PostgreSQLStateStore
    private let pass: PipelinePass
    private(set) var summary: PassSummary?
    private let polled = DispatchSemaphore(value: 0)

    init(_ fixture: MonitorFixture, on database: TestDatabase) throws {
        let setup = try ConfigurationAndRules.load(
            configPath: fixture.configPath, rulesDirectory: fixture.rulesDirectory)
        store = try PostgreSQLStateStore(url: database.url, password: database.password)
        pass = PipelinePass(
            configuration: setup.configuration, rules: setup.rules, store: store,
            alertLog: try AlertLogWriter(path: setup.alertLogPath),
            fetcher: FeedFetcher(options: setup.fetchOptions(userAgent: "feedwatch-tests")),
            logger: Logger(label: "tests"))
    }

    /// One pass over every feed, alerting on the items of the first poll.
    func poll() {
        summary = pass.run(options: PipelinePass.Options(all: true, backfill: true))
        polled.signal()
    }

    func waitUntilPolled() {
        polled.wait()
    }
}

/// Fetch results gathered from several threads.
final class FetchResults: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var results: [FetchResult] = []

    func add(_ result: FetchResult) {
        lock.withLock { results.append(result) }
    }

    var count: Int { lock.withLock { results.count } }

    var allFetched: Bool {
        lock.withLock {
            results.allSatisfy {
                if case .fetched = $0.outcome { return true }
                return false
            }
        }
    }
}
