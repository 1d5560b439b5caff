import Foundation
import SQLiteStore
import Store
import TestHTTPServer
import Testing

@testable import Monitor

/// The monitor against a real HTTP server on 127.0.0.1.
@Suite struct MonitorHTTPTests {
    /// Serves `wire.xml` with an ETag, answering 304 to a matching If-None-Match.
    final class ConditionalFeed: @unchecked Sendable {
        private let lock = NSLock()
        private var version = 0
        private var body = ""

        func publish(_ text: String) {
            lock.withLock {
                version += 1
                body = text
            }
        }

        func respond(to request: RecordedRequest) -> ScriptedResponse {
            lock.withLock {
                let etag = "\"v\(version)\""
                if request.header("If-None-Match") == etag { return .status(304) }
                return .text(body, headers: [("ETag", etag)])
            }
        }
    }

    @Test func unchangedFeedsCostA304AndOnlyNewItemsAlert() throws {
        let server = try TestHTTPServer()
        let feed = ConditionalFeed()
        server.route("/wire.xml") { feed.respond(to: $0) }
        feed.publish(PipelinePassTests.rss(items: [PipelinePassTests.storm]))
        let fixture = try MonitorFixture(feeds: ["wire": server.url("/wire.xml").absoluteString])

        let (first, _) = try fixture.poll()
        #expect(first.feedsFetched == 1 && first.baselineItems == 1)

        let (second, secondAlerts) = try fixture.poll()
        #expect(second.feedsNotModified == 1)
        #expect(second.feedsFetched == 0)
        #expect(secondAlerts.isEmpty)
        let requests = server.requests(for: "/wire.xml")
        #expect(requests.count == 2)
        #expect(requests.last?.header("If-None-Match") == "\"v1\"")
        #expect(requests.first?.header("User-Agent") == "feedwatch-tests")

        feed.publish(
            PipelinePassTests.rss(items: [PipelinePassTests.bombing, PipelinePassTests.storm]))
        let (third, thirdAlerts) = try fixture.poll()
        #expect(third.feedsFetched == 1)
        #expect(third.newItems == 1)
        #expect(Set(thirdAlerts.map(\.item.id)) == ["bombing"])
        #expect(Set(thirdAlerts.map(\.rule)) == ["haqqani-attack", "khalil-every-report"])
    }

    @Test func aFailingFeedBacksOffAndRecordsWhy() throws {
        let server = try TestHTTPServer()
        server.route("/down.xml", .status(503, headers: [("Retry-After", "120")]))
        let fixture = try MonitorFixture(feeds: ["down": server.url("/down.xml").absoluteString])

        let before = Date()
        let (summary, _) = try fixture.poll()
        #expect(summary.failures.count == 1)
        #expect(summary.failures.first?.contains("503") == true)
        let store = try SQLiteStateStore(
            path: fixture.folder.appendingPathComponent("state/feedwatch.db").path,
            access: .readOnly)
        let state = try #require(try store.feedState(name: "down"))
        #expect(state.consecutiveFailures == 1)
        #expect(state.lastStatus == 503)
        #expect(state.lastError?.contains("503") == true)
        // The first backoff step of a 10-minute feed (8–10 minutes with
        // jitter) is longer than Retry-After's 120 s, so it decides.
        let nextPoll = try #require(state.nextPoll)
        #expect(nextPoll.timeIntervalSince(before) >= 120)
        #expect(nextPoll.timeIntervalSince(before) <= 601)
    }

    @Test func aPermanentRedirectMovesTheFeed() throws {
        let server = try TestHTTPServer()
        server.route("/old.xml", .redirect(to: "/new.xml", status: 301))
        server.route("/new.xml", .text(PipelinePassTests.rss(items: [PipelinePassTests.storm])))
        let fixture = try MonitorFixture(feeds: ["wire": server.url("/old.xml").absoluteString])

        _ = try fixture.poll()
        _ = try fixture.poll()
        #expect(server.requests(for: "/old.xml").count == 1)
        #expect(server.requests(for: "/new.xml").count == 2)
    }

    @Test func aSecondMonitorOnTheSameStateIsRefused() throws {
        let fixture = try MonitorFixture(feeds: [:])
        let path = fixture.folder.appendingPathComponent("state/feedwatch.db").path
        let first = try SQLiteStateStore(path: path)
        #expect(throws: StoreError.locked(path: path)) {
            _ = try SQLiteStateStore(path: path)
        }
        withExtendedLifetime(first) {}
    }
}
