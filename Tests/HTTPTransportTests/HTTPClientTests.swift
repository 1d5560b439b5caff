import Foundation
import TestHTTPServer
import Testing

@testable import HTTPTransport

@Suite("One-off requests")
struct HTTPClientTests {
    let client = HTTPClient(options: quickClientOptions)

    @Test("a POST carries its method, headers and body, and the response comes back")
    func post() throws {
        try TestHTTPServer.with { server in
            server.route("/hook") { request in
                .text(
                    "{\"ok\":true}", status: 202, contentType: "application/json",
                    headers: [("X-Seen", request.method)])
            }
            let body = Data("{\"alert\":\"a1\"}".utf8)
            let response = try client.send(
                HTTPRequest(
                    method: "POST", url: server.url("/hook"),
                    headers: [("Content-Type", "application/json"), ("Idempotency-Key", "a1")],
                    body: body))
            #expect(response.status == 202)
            #expect(response.headers["X-Seen"] == "POST")
            #expect(response.headers["Content-Type"] == "application/json")
            #expect(String(decoding: response.body, as: UTF8.self) == "{\"ok\":true}")
            #expect(response.effectiveURL == server.url("/hook"))

            let received = try #require(server.requests(for: "/hook").first)
            #expect(received.method == "POST")
            #expect(received.body == body)
            #expect(received.header("Content-Type") == "application/json")
            #expect(received.header("Idempotency-Key") == "a1")
            #expect(received.header("User-Agent") == "feedwatch-test/1.0")
            #expect(received.header("Expect") == nil)
        }
    }

    @Test("one client reuses its connection, and nothing of a request leaks into the next")
    func reuse() throws {
        try TestHTTPServer.with { server in
            server.route("/hook", .status(204))
            server.route("/page", .text("page"))
            let client = HTTPClient(options: quickClientOptions)
            _ = try client.send(
                HTTPRequest(
                    method: "POST", url: server.url("/hook"), headers: [("X-Secret", "s1")],
                    body: Data("{}".utf8)))
            let page = try client.send(HTTPRequest(url: server.url("/page")))
            _ = try client.send(HTTPRequest(method: "DELETE", url: server.url("/hook")))
            #expect(String(decoding: page.body, as: UTF8.self) == "page")
            #expect(server.requests.map(\.method) == ["POST", "GET", "DELETE"])
            #expect(server.requests[1].header("X-Secret") == nil)
            #expect(server.requests[1].body.isEmpty && server.requests[2].body.isEmpty)
            #expect(server.requests.allSatisfy { $0.header("User-Agent") == "feedwatch-test/1.0" })
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test("a large body is sent whole, without a 100-continue round trip")
    func largeBody() throws {
        try TestHTTPServer.with { server in
            server.route("/hook", .status(204))
            let body = Data((0..<200_000).map { UInt8($0 % 251) })
            let response = try client.send(
                HTTPRequest(method: "POST", url: server.url("/hook"), body: body))
            #expect(response.status == 204)
            #expect(server.requests.first?.body == body)
            #expect(server.requests.first?.header("Expect") == nil)
        }
    }

    @Test("other methods", arguments: ["PUT", "DELETE", "GET", "HEAD"])
    func methods(_ method: String) throws {
        try TestHTTPServer.with { server in
            server.route("/thing", .text("done"))
            let response = try client.send(HTTPRequest(method: method, url: server.url("/thing")))
            #expect(response.status == 200)
            #expect(server.requests.first?.method == method)
            #expect(response.body == (method == "HEAD" ? Data() : Data("done".utf8)))
        }
    }

    @Test("HEAD of a resource larger than maxSize is not refused")
    func headOfLargeResource() throws {
        try TestHTTPServer.with { server in
            server.route("/big", ScriptedResponse(headers: [("Content-Length", "10000000")]))
            let response = try client.send(HTTPRequest(method: "HEAD", url: server.url("/big")))
            #expect(response.status == 200)
            #expect(response.headers.contentLength == 10_000_000)
        }
    }

    @Test("error statuses are responses, with Retry-After readable")
    func errorStatus() throws {
        try TestHTTPServer.with { server in
            server.route("/hook", .status(503, headers: [("Retry-After", "30")]))
            let response = try client.send(
                HTTPRequest(method: "POST", url: server.url("/hook"), body: Data("{}".utf8)))
            #expect(response.status == 503)
            #expect(response.retryAfter() == 30)
        }
    }

    @Test("redirects are not followed unless asked")
    func redirects() throws {
        try TestHTTPServer.with { server in
            server.route("/old", .redirect(to: "/new", status: 308))
            server.route("/new", .text("here"))
            let stay = try client.send(HTTPRequest(url: server.url("/old")))
            #expect(stay.status == 308)
            #expect(stay.headers["Location"] == "/new")
            let follow = try client.send(
                HTTPRequest(url: server.url("/old"), followRedirects: true))
            #expect(follow.status == 200)
            #expect(follow.effectiveURL == server.url("/new"))
        }
    }

    @Test("a slow server times out")
    func timeout() throws {
        try TestHTTPServer.with { server in
            server.route("/slow", ScriptedResponse.status(200).delayed(by: 5))
            #expect {
                try client.send(HTTPRequest(method: "POST", url: server.url("/slow"), timeout: 0.3))
            } throws: { error in
                guard case .timedOut(let url, _) = error as? TransferError else { return false }
                return url == server.url("/slow").absoluteString
            }
        }
    }

    @Test("a refused scheme, a dead port and an oversized answer throw")
    func failures() throws {
        let ftp = try #require(URL(string: "ftp://example.org/x"))
        #expect(throws: TransferError.unsupportedScheme(url: "ftp://example.org/x")) {
            try client.send(HTTPRequest(url: ftp))
        }
        let dead = try #require(
            URL(string: "http://127.0.0.1:\(try TestHTTPServer.closedPort())/hook"))
        #expect {
            try client.send(HTTPRequest(method: "POST", url: dead))
        } throws: { error in
            guard case .failed(let url, _) = error as? TransferError else { return false }
            return url == dead.absoluteString
        }
        try TestHTTPServer.with { server in
            server.route(
                "/big", ScriptedResponse(body: Data(count: 100_000), bodyMode: .chunked(size: 4096))
            )
            #expect(
                throws: TransferError.tooLarge(
                    url: server.url("/big").absoluteString, limit: 64 * 1024)
            ) {
                try client.send(HTTPRequest(url: server.url("/big")))
            }
        }
    }
}
