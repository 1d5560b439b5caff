import Foundation
import TestHTTPServer
import Testing

@testable import FeedFetcher

@Suite("Fetching a feed")
struct FetchSuccessTests {
    @Test("200 returns the body, content type, validators and status")
    func fetchesBody() throws {
        try TestHTTPServer.with { server in
            server.route(
                "/feed.xml",
                .text(
                    sampleFeed,
                    headers: [
                        ("ETag", "\"v1\""), ("Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT"),
                    ]))
            let result = try fetchOne(server.url("/feed.xml"))
            let body = try #require(result.outcome.body)
            #expect(body.status == 200)
            #expect(String(decoding: body.bytes, as: UTF8.self) == sampleFeed)
            #expect(body.contentType == "application/rss+xml; charset=utf-8")
            #expect(body.effectiveURL == server.url("/feed.xml"))
            #expect(body.movedPermanently == nil)
            #expect(
                body.conditional
                    == ConditionalRequest(
                        etag: "\"v1\"", lastModified: "Tue, 24 Nov 2026 10:00:00 GMT"))
            #expect(result.status == 200)
            #expect(result.bytesReceived == sampleFeed.utf8.count)
            #expect(result.elapsed > 0 && result.elapsed < 1)
        }
    }

    @Test(
        "the User-Agent from the options and Accept-Encoding are sent, without validators when there are none"
    )
    func sendsUserAgentAndEncodings() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .text(sampleFeed))
            _ = try fetchOne(server.url("/feed.xml"))
            let request = try #require(server.requests(for: "/feed.xml").first)
            #expect(request.method == "GET")
            #expect(request.header("User-Agent") == "feedwatch-test/1.0")
            let encodings = request.header("Accept-Encoding") ?? ""
            #expect(encodings.contains("gzip"))
            #expect(encodings.contains("deflate"))
            #expect(request.header("If-None-Match") == nil)
            #expect(request.header("If-Modified-Since") == nil)
        }
    }

    @Test("a conditional GET sends both validators and a 304 is .notModified")
    func conditionalGet() throws {
        try TestHTTPServer.with { server in
            let etag = "W/\"abc\""
            let lastModified = "Tue, 24 Nov 2026 10:00:00 GMT"
            server.route("/feed.xml") { request in
                request.header("If-None-Match") == etag
                    ? .status(304, headers: [("ETag", etag)])
                    : .text(sampleFeed, headers: [("ETag", etag)])
            }
            let result = try fetchOne(
                server.url("/feed.xml"),
                conditional: ConditionalRequest(etag: etag, lastModified: lastModified))
            guard case .notModified(let status) = result.outcome else {
                Issue.record("expected .notModified, got \(result.outcome)")
                return
            }
            #expect(status == 304)
            #expect(result.bytesReceived == 0)
            let request = try #require(server.requests(for: "/feed.xml").first)
            #expect(request.header("If-None-Match") == etag)
            #expect(request.header("If-Modified-Since") == lastModified)
        }
    }

    @Test("a validator that no longer matches fetches the new body and its new validators")
    func changedFeed() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .text(sampleFeed, headers: [("ETag", "\"v2\"")]))
            let result = try fetchOne(
                server.url("/feed.xml"), conditional: ConditionalRequest(etag: "\"v1\""))
            let body = try #require(result.outcome.body)
            #expect(body.conditional.etag == "\"v2\"")
            #expect(body.conditional.lastModified == nil)
        }
    }

    @Test("a gzip body is decompressed")
    func gzip() throws {
        try TestHTTPServer.with { server in
            let large = String(repeating: sampleFeed, count: 50)
            let response = try ScriptedResponse.text(large).gzipped()
            #expect(response.body.count < large.utf8.count / 5)
            server.route("/feed.xml", response)
            let result = try fetchOne(server.url("/feed.xml"))
            let body = try #require(result.outcome.body)
            #expect(String(decoding: body.bytes, as: UTF8.self) == large)
        }
    }

    @Test("a chunked body and a close-delimited body arrive whole")
    func chunkedAndCloseDelimited() throws {
        try TestHTTPServer.with { server in
            var chunked = ScriptedResponse.text(sampleFeed)
            chunked.bodyMode = .chunked(size: 7)
            server.route("/chunked", chunked)
            var closing = ScriptedResponse.text(sampleFeed)
            closing.bodyMode = .untilClose
            server.route("/closing", closing)
            for path in ["/chunked", "/closing"] {
                let body = try #require(try fetchOne(server.url(path)).outcome.body)
                #expect(String(decoding: body.bytes, as: UTF8.self) == sampleFeed)
            }
        }
    }

    @Test("a file:// URL is read from disk")
    func fileURL() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-\(UUID().uuidString).xml")
        try Data(sampleFeed.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try fetchOne(path)
        let body = try #require(result.outcome.body)
        #expect(String(decoding: body.bytes, as: UTF8.self) == sampleFeed)
        #expect(result.bytesReceived == sampleFeed.utf8.count)
    }
}
