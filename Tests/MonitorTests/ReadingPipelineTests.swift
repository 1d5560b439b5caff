import FeedFetcher
import Foundation
import TestHTTPServer
import Testing

@testable import Monitor

/// The fetch and parse threads of a pass, against a real HTTP server on 127.0.0.1.
@Suite struct ReadingPipelineTests {
    @Test func everyFeedIsHandedOverOnceOnTheCallingThreadParsedOrNot() throws {
        let server = try TestHTTPServer()
        let feeds = 40
        var requests: [FeedRequest] = []
        for index in 0..<feeds {
            let path = "/feed\(index).xml"
            // Every fifth feed is broken, every seventh gone: each still comes back once.
            if index % 7 == 0 {
                server.route(path, .status(404))
            } else if index % 5 == 0 {
                server.route(path, .text("<html><body>Not a feed</body></html>"))
            } else {
                server.route(
                    path,
                    .text(
                        PipelinePassTests.rss(items: [
                            PipelinePassTests.storm, PipelinePassTests.bombing,
                        ])))
            }
            requests.append(FeedRequest(feedName: "f\(index)", url: server.url(path)))
        }
        let caller = Thread.current
        var handed: [String: FeedReading] = [:]
        var onOtherThreads = 0
        // A capacity of 2 makes the transfers wait for the handler again and again.
        ReadingPipeline(workers: 3, capacity: 2).run(
            requests, fetcher: FeedFetcher(options: FetchOptions(concurrency: 8)),
            cancellation: nil
        ) { reading in
            if Thread.current != caller { onOtherThreads += 1 }
            #expect(handed.updateValue(reading, forKey: reading.result.request.feedName) == nil)
        }

        #expect(onOtherThreads == 0)
        #expect(handed.count == feeds)
        for index in 0..<feeds {
            let reading = try #require(handed["f\(index)"])
            guard case .fetched(let body) = reading.result.outcome else {
                #expect(index % 7 == 0, "f\(index) was not fetched")
                continue
            }
            let parsed = Result { try reading.feed(of: body) }
            if index % 5 == 0 {
                #expect(throws: (any Error).self) { try parsed.get() }
            } else {
                let hashed = try parsed.get()
                #expect(hashed.feed.items.map(\.id) == ["storm", "bombing"])
                #expect(hashed.contentHashes == hashed.feed.items.map(ContentHash.of))
            }
        }
    }

    @Test func feedsAreHandedOverInTheOrderTheirTransfersEndedHoweverLongTheParse() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedwatch-reading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // File feeds are read in the order asked, one after another; the
        // first takes far longer to parse than all the others together.
        let long = (0..<5_000).map {
            (id: "long\($0)", title: "Item \($0) of a long feed", text: "Text \($0).")
        }
        var requests: [FeedRequest] = []
        for index in 0..<12 {
            let file = folder.appendingPathComponent("feed\(index).xml")
            let items = index == 0 ? long : [PipelinePassTests.storm]
            try PipelinePassTests.rss(items: items).write(
                to: file, atomically: true, encoding: .utf8)
            requests.append(FeedRequest(feedName: "f\(index)", url: file))
        }
        var handed: [String] = []

        ReadingPipeline(workers: 3, capacity: 8).run(
            requests, fetcher: FeedFetcher(), cancellation: nil
        ) { reading in
            handed.append(reading.result.request.feedName)
        }

        #expect(handed == requests.map(\.feedName))
    }
}
