import Foundation
import TestHTTPServer
import Testing

@testable import HTTPTransport

/// The test server is shared by other test targets; these pin down what they rely on.
@Suite("Test HTTP server")
struct TestHTTPServerTests {
    let client = HTTPClient(options: quickClientOptions)

    @Test("unrouted paths get 404; routes match without the query")
    func routing() throws {
        try TestHTTPServer.with { server in
            server.route("/known", .text("yes"))
            let unknown = try client.send(HTTPRequest(url: server.url("/unknown")))
            let known = try client.send(HTTPRequest(url: server.url("/known?x=1")))
            #expect(unknown.status == 404)
            #expect(known.status == 200)
            #expect(server.requests.map(\.target) == ["/unknown", "/known?x=1"])
            #expect(server.requests(for: "/known").count == 1)
            server.clearRequests()
            #expect(server.requests.isEmpty)
        }
    }

    @Test("requests are recorded with their connection, reused under keep-alive")
    func recordsConnections() throws {
        try TestHTTPServer.with { server in
            server.route("/a", .text("a"))
            server.route("/closing", ScriptedResponse.text("c").adding(header: "X-Kind", "closing"))
            var closing = ScriptedResponse.text("bye")
            closing.closeConnection = true
            server.route("/bye", closing)
            for path in ["/a", "/a", "/bye", "/a"] {
                _ = try client.send(HTTPRequest(url: server.url(path)))
            }
            #expect(server.requests.map(\.connectionNumber) == [1, 1, 1, 2])
            #expect(server.connectionsAccepted == 2)
        }
    }

    @Test("stop ends stalled responses promptly and frees the port")
    func stopsPromptly() throws {
        let server = try TestHTTPServer()
        server.route("/stalled", ScriptedResponse(bodyMode: .stalled))
        let url = server.url("/stalled")
        let finished = DispatchSemaphore(value: 0)
        let client = self.client
        Thread.detachNewThread {
            _ = try? client.send(HTTPRequest(url: url, timeout: 10))
            finished.signal()
        }
        #expect(server.waitForRequests(1))
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(finished.wait(timeout: .now() + 5) == .success)
        server.stop()
        #expect(throws: TransferError.self) { try client.send(HTTPRequest(url: url)) }
    }

    @Test("a client that expects 100-continue gets it, and chunked request bodies are decoded")
    func expectContinueAndChunkedUpload() throws {
        try TestHTTPServer.with { server in
            server.route("/upload", .status(204))
            let body = Data((0..<50_000).map { UInt8($0 % 256) })
            let expecting = try client.send(
                HTTPRequest(
                    method: "POST", url: server.url("/upload"),
                    headers: [("Expect", "100-continue")],
                    body: body))
            let chunked = try client.send(
                HTTPRequest(
                    method: "POST", url: server.url("/upload"),
                    headers: [("Transfer-Encoding", "chunked")],
                    body: body))
            #expect(expecting.status == 204 && chunked.status == 204)
            #expect(server.requests.count == 2)
            #expect(server.requests.allSatisfy { $0.body == body })
            #expect(server.requests.first?.header("Expect") == "100-continue")
            #expect(server.requests.last?.header("Transfer-Encoding") == "chunked")
        }
    }

    @Test("gzip output is real gzip")
    func gzip() throws {
        let compressed = try Gzip.compress(Data("hello hello hello hello".utf8))
        #expect(compressed.prefix(2) == Data([0x1f, 0x8b]))
    }
}
