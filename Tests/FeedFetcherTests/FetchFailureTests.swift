import Foundation
import TestHTTPServer
import Testing

@testable import FeedFetcher

@Suite("Failing fetches")
struct FetchFailureTests {
    @Test("a 500 fails with its status and no Retry-After")
    func serverError() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .status(500, headers: [("Retry-After", "30")]))
            let result = try fetchOne(server.url("/feed.xml"))
            let url = server.url("/feed.xml").absoluteString
            #expect(result.outcome.error == .httpStatus(url: url, status: 500, retryAfter: nil))
            #expect(result.status == 500)
            #expect(result.outcome.error?.description == "fetcher: \(url): HTTP 500")
        }
    }

    @Test(
        "a redirect to a missing page fails naming the requested URL and recording where it ended")
    func redirectThenMissing() throws {
        try TestHTTPServer.with { server in
            server.route("/old.xml", .redirect(to: "/gone.xml"))
            let result = try fetchOne(server.url("/old.xml"))
            #expect(
                result.outcome.error
                    == .httpStatus(
                        url: server.url("/old.xml").absoluteString, status: 404, retryAfter: nil))
            #expect(result.effectiveURL == server.url("/gone.xml"))
        }
    }

    @Test("a 404 fails with its status")
    func notFound() throws {
        try TestHTTPServer.with { server in
            let result = try fetchOne(server.url("/missing.xml"))
            #expect(result.outcome.error?.retryAfter == nil)
            guard case .failed(.httpStatus(_, 404, _)) = result.outcome else {
                Issue.record("expected HTTP 404, got \(result.outcome)")
                return
            }
        }
    }

    @Test("429 with Retry-After in seconds")
    func tooManyRequests() throws {
        try TestHTTPServer.with { server in
            server.route("/feed.xml", .status(429, headers: [("Retry-After", "120")]))
            let result = try fetchOne(server.url("/feed.xml"))
            let url = server.url("/feed.xml").absoluteString
            #expect(result.outcome.error == .httpStatus(url: url, status: 429, retryAfter: 120))
            #expect(
                result.outcome.error?.description == "fetcher: \(url): HTTP 429, retry after 120s")
        }
    }

    @Test("503 with Retry-After as an HTTP-date")
    func unavailableWithDate() throws {
        try TestHTTPServer.with { server in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let inTenMinutes = formatter.string(from: Date().addingTimeInterval(600))
            server.route("/feed.xml", .status(503, headers: [("Retry-After", inTenMinutes)]))
            let result = try fetchOne(server.url("/feed.xml"))
            let retryAfter = try #require(result.outcome.error?.retryAfter)
            #expect(retryAfter > 590 && retryAfter <= 600)
        }
    }

    @Test("a server slower than the timeout fails as timed out, in about the timeout")
    func slowServer() throws {
        try TestHTTPServer.with { server in
            server.route("/slow.xml", ScriptedResponse.text(sampleFeed).delayed(by: 5))
            var options = quickOptions
            options.timeout = 0.5
            let started = Date()
            let result = try fetchOne(server.url("/slow.xml"), options: options)
            let elapsed = Date().timeIntervalSince(started)
            guard case .failed(.timedOut(let url, let message)) = result.outcome else {
                Issue.record("expected a timeout, got \(result.outcome)")
                return
            }
            #expect(url == server.url("/slow.xml").absoluteString)
            #expect(message.contains("imed out"))
            #expect(elapsed >= 0.45 && elapsed < 2.5)
        }
    }

    @Test("a transfer that stalls after the headers is aborted by the low-speed limit")
    func stalled() throws {
        try TestHTTPServer.with { server in
            server.route("/stalled.xml", ScriptedResponse(bodyMode: .stalled))
            var options = quickOptions
            options.timeout = 10
            options.transfer.lowSpeedTime = 1
            let started = Date()
            let result = try fetchOne(server.url("/stalled.xml"), options: options)
            guard case .failed(.timedOut(_, let message)) = result.outcome else {
                Issue.record("expected a timeout, got \(result.outcome)")
                return
            }
            #expect(message.contains("too slow"))
            #expect(Date().timeIntervalSince(started) < 6)
        }
    }

    @Test("a Content-Length over maxSize is refused before the body")
    func announcedTooLarge() throws {
        try TestHTTPServer.with { server in
            server.route("/big.xml", ScriptedResponse(body: Data(repeating: 65, count: 200_000)))
            let result = try fetchOne(server.url("/big.xml"))
            #expect(
                result.outcome.error
                    == .tooLarge(url: server.url("/big.xml").absoluteString, limit: 64 * 1024))
            #expect(result.bytesReceived == 0)
        }
    }

    @Test("a chunked body over maxSize is cut off at the limit")
    func chunkedTooLarge() throws {
        try TestHTTPServer.with { server in
            server.route(
                "/big.xml",
                ScriptedResponse(
                    body: Data(repeating: 65, count: 200_000), bodyMode: .chunked(size: 8192)))
            let result = try fetchOne(server.url("/big.xml"))
            #expect(
                result.outcome.error
                    == .tooLarge(url: server.url("/big.xml").absoluteString, limit: 64 * 1024))
            #expect(result.bytesReceived <= 64 * 1024)
        }
    }

    @Test("a gzip body that inflates past maxSize is cut off")
    func compressionBomb() throws {
        try TestHTTPServer.with { server in
            let response = try ScriptedResponse(body: Data(repeating: 0, count: 1_000_000))
                .gzipped()
            #expect(response.body.count < 64 * 1024)
            server.route("/bomb.xml", response)
            let result = try fetchOne(server.url("/bomb.xml"))
            #expect(
                result.outcome.error
                    == .tooLarge(url: server.url("/bomb.xml").absoluteString, limit: 64 * 1024))
        }
    }

    @Test("a body that never ends is cut off at maxSize, well before the timeout")
    func endlessBody() throws {
        try TestHTTPServer.with { server in
            server.route("/endless.xml", ScriptedResponse(bodyMode: .endless))
            var options = quickOptions
            options.timeout = 10
            let started = Date()
            let result = try fetchOne(server.url("/endless.xml"), options: options)
            #expect(
                result.outcome.error
                    == .tooLarge(url: server.url("/endless.xml").absoluteString, limit: 64 * 1024))
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test("a dead port fails with curl's connection message")
    func connectionRefused() throws {
        let url = try #require(
            URL(string: "http://127.0.0.1:\(try TestHTTPServer.closedPort())/feed.xml"))
        let result = try fetchOne(url)
        guard case .failed(.transport(let failedURL, let message)) = result.outcome else {
            Issue.record("expected a transport failure, got \(result.outcome)")
            return
        }
        #expect(failedURL == url.absoluteString)
        #expect(message.contains("127.0.0.1"))
        #expect(result.status == nil)
        #expect(
            result.outcome.error?.description.hasPrefix("fetcher: \(url.absoluteString): ") == true)
    }

    @Test(
        "schemes other than http, https and file are refused",
        arguments: [
            "ftp://ftp.example.org/feed.xml", "gopher://example.org/1", "dict://example.org/",
            "mailto:a@example.org",
            "javascript:alert(1)",
        ])
    func refusedScheme(_ text: String) throws {
        let url = try #require(URL(string: text))
        let result = try fetchOne(url)
        #expect(result.outcome.error == .unsupportedScheme(text))
        #expect(
            result.outcome.error?.description
                == "fetcher: \(text): only http, https and file URLs are fetched")
    }

    @Test("a missing file, a directory and an oversized file fail with the path named")
    func fileFailures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let big = directory.appendingPathComponent("big.xml")
        try Data(repeating: 65, count: 64 * 1024 + 1).write(to: big)
        let missing = directory.appendingPathComponent("missing.xml")

        #expect(
            try fetchOne(missing).outcome.error
                == .file(path: missing.path, message: "no such file"))
        #expect(
            try fetchOne(directory).outcome.error
                == .file(path: directory.path, message: "is a directory"))
        #expect(
            try fetchOne(big).outcome.error == .tooLarge(url: big.absoluteString, limit: 64 * 1024))
    }
}
