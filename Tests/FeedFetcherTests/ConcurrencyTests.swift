import Foundation
import TestHTTPServer
import Testing

@testable import FeedFetcher

@Suite("Many feeds at once")
struct ConcurrencyTests {
    @Test("one host never gets more than perHost connections, and they are reused")
    func perHostLimit() throws {
        try TestHTTPServer.with { server in
            server.route("/feed", ScriptedResponse.text(sampleFeed).delayed(by: 0.1))
            let requests = (0..<12).map {
                FeedRequest(feedName: "feed\($0)", url: server.url("/feed?n=\($0)"))
            }
            let results = fetchAll(requests)
            #expect(results.count == 12)
            #expect(results.allSatisfy { $0.outcome.body != nil })
            #expect(server.maxConcurrentRequests == 2)
            #expect(server.maxConcurrentConnections <= 2)
            // Keep-alive: 12 requests over at most 2 connections.
            #expect(server.connectionsAccepted <= 2)
            #expect(Set(results.map(\.request.feedName)).count == 12)
        }
    }

    @Test("a later pass on the same fetcher reuses the open connection")
    func reuseAcrossPasses() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .text(sampleFeed))
            let fetcher = FeedFetcher(options: quickOptions)
            let request = FeedRequest(feedName: "feed", url: server.url("/feed.xml"))
            for _ in 0..<3 {
                var results: [FetchResult] = []
                fetcher.fetch([request]) { results.append($0) }
                #expect(results.first?.outcome.body != nil)
            }
            #expect(server.requests.count == 3)
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test("a host with many feeds does not starve the others")
    func fairAcrossHosts() throws {
        let busy = try TestHTTPServer()
        let quiet = try TestHTTPServer()
        defer {
            busy.stop()
            quiet.stop()
        }
        busy.route("/feed", ScriptedResponse.text(sampleFeed).delayed(by: 0.2))
        quiet.route("/feed", .text(sampleFeed))
        // The quiet host's feeds come last in the list.
        let requests =
            (0..<10).map { FeedRequest(feedName: "busy\($0)", url: busy.url("/feed?n=\($0)")) }
            + (0..<3).map { FeedRequest(feedName: "quiet\($0)", url: quiet.url("/feed?n=\($0)")) }
        var options = quickOptions
        options.concurrency = 3
        options.timeout = 5
        let order = fetchAll(requests, options: options).map(\.request.feedName)
        #expect(order.count == 13)
        // The busy host holds two slots; the third keeps serving the quiet
        // host, whose feeds all finish while the busy host's first two wait.
        // (Handing the slot to a third busy feed would park it in libcurl's
        // per-host queue and hold up the quiet host for a whole round.)
        #expect(Array(order.prefix(3)).sorted() == ["quiet0", "quiet1", "quiet2"])
        #expect(busy.maxConcurrentRequests == 2)
    }

    @Test("concurrency bounds the transfers over all hosts")
    func totalLimit() throws {
        let counter = InFlightCounter()
        let servers = try (0..<3).map { _ in try TestHTTPServer() }
        defer { servers.forEach { $0.stop() } }
        for server in servers {
            server.route("/feed", counter.handler(holding: 0.2, answer: .text(sampleFeed)))
        }
        let requests = servers.enumerated().flatMap { index, server in
            (0..<4).map {
                FeedRequest(feedName: "s\(index)-\($0)", url: server.url("/feed?n=\($0)"))
            }
        }
        var options = quickOptions
        options.concurrency = 4
        options.timeout = 5
        let results = fetchAll(requests, options: options)
        #expect(results.count == 12)
        #expect(results.allSatisfy { $0.outcome.body != nil })
        #expect(counter.maximum == 4)
        #expect(servers.allSatisfy { $0.maxConcurrentRequests <= 2 })
    }

    @Test("http, file and refused URLs in one batch each get a result")
    func mixedBatch() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .text(sampleFeed))
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "feedwatch-\(UUID().uuidString).xml")
            try Data(sampleFeed.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let ftp = try #require(URL(string: "ftp://example.org/feed.xml"))
            let requests = [
                FeedRequest(feedName: "web", url: server.url("/feed.xml")),
                FeedRequest(feedName: "local", url: file),
                FeedRequest(feedName: "ftp", url: ftp),
                FeedRequest(feedName: "gone", url: server.url("/gone.xml")),
            ]
            let results = Dictionary(
                uniqueKeysWithValues: fetchAll(requests).map { ($0.request.feedName, $0) })
            #expect(results.count == 4)
            #expect(results["web"]?.outcome.body != nil)
            #expect(results["local"]?.outcome.body != nil)
            #expect(
                results["ftp"]?.outcome.error == .unsupportedScheme("ftp://example.org/feed.xml"))
            #expect(results["gone"]?.status == 404)
        }
    }

    @Test("cancelling finishes the transfers in flight and ends the queued ones")
    func cancellation() throws {
        try TestHTTPServer.with { server in
            server.route("/feed", ScriptedResponse.text(sampleFeed).delayed(by: 0.05))
            let requests = (0..<10).map {
                FeedRequest(feedName: "feed\($0)", url: server.url("/feed?n=\($0)"))
            }
            var options = quickOptions
            options.perHost = 1
            let cancellation = FetchCancellation()
            var results: [FetchResult] = []
            FeedFetcher(options: options).fetch(requests, cancellation: cancellation) { result in
                results.append(result)
                cancellation.cancel()
            }
            #expect(results.count == 10)
            #expect(results.first?.outcome.body != nil)
            #expect(
                results.dropFirst().allSatisfy {
                    $0.outcome.error == .cancelled(url: $0.request.url.absoluteString)
                })
            #expect(server.requests.count == 1)
        }
    }
}
