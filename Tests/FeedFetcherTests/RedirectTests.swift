import Foundation
import TestHTTPServer
import Testing

@testable import FeedFetcher

@Suite("Redirects")
struct RedirectTests {
    @Test("a chain of temporary redirects is followed and does not move the feed")
    func temporaryChain() throws {
        try TestHTTPServer.with { server in
            server.route("/a", .redirect(to: "/b", status: 302))
            server.route("/b", .redirect(to: server.url("/c").absoluteString, status: 307))
            server.route("/c", .text(sampleFeed))
            let result = try fetchOne(server.url("/a"))
            let body = try #require(result.outcome.body)
            #expect(String(decoding: body.bytes, as: UTF8.self) == sampleFeed)
            #expect(body.effectiveURL == server.url("/c"))
            #expect(body.movedPermanently == nil)
            #expect(server.requests.map(\.path) == ["/a", "/b", "/c"])
        }
    }

    @Test("permanent redirects (301, 308) set movedPermanently to the final URL")
    func permanentChain() throws {
        try TestHTTPServer.with { server in
            server.route("/old", .redirect(to: "/older-still", status: 301))
            server.route("/older-still", .redirect(to: "/new", status: 308))
            server.route("/new", .text(sampleFeed))
            let body = try #require(try fetchOne(server.url("/old")).outcome.body)
            #expect(body.movedPermanently == server.url("/new"))
            #expect(body.effectiveURL == server.url("/new"))
        }
    }

    @Test("a temporary hop after a permanent one moves the feed only as far as the permanent one")
    func permanentThenTemporary() throws {
        try TestHTTPServer.with { server in
            server.route("/old", .redirect(to: "/new", status: 301))
            server.route("/new", .redirect(to: "/today", status: 302))
            server.route("/today", .text(sampleFeed))
            let body = try #require(try fetchOne(server.url("/old")).outcome.body)
            #expect(body.movedPermanently == server.url("/new"))
            #expect(body.effectiveURL == server.url("/today"))
        }
    }

    @Test("a redirect loop fails with the loop named")
    func loop() throws {
        try TestHTTPServer.with { server in
            server.route("/ping", .redirect(to: "/pong"))
            server.route("/pong", .redirect(to: "/ping"))
            let result = try fetchOne(server.url("/ping"))
            let expected = [server.url("/ping"), server.url("/pong"), server.url("/ping")].map(
                \.absoluteString)
            #expect(
                result.outcome.error
                    == .redirectLoop(url: server.url("/ping").absoluteString, chain: expected))
            #expect(
                result.outcome.error?.description.hasPrefix(
                    "fetcher: \(server.url("/ping")): redirect loop") == true)
        }
    }

    @Test("more than 5 redirects fail, exactly 5 succeed")
    func tooMany() throws {
        try TestHTTPServer.with { server in
            for hop in 0..<7 { server.route("/hop\(hop)", .redirect(to: "/hop\(hop + 1)")) }
            server.route("/hop7", .text(sampleFeed))
            let far = try fetchOne(server.url("/hop0"))
            #expect(
                far.outcome.error
                    == .tooManyRedirects(url: server.url("/hop0").absoluteString, limit: 5))
            let near = try fetchOne(server.url("/hop2"))
            #expect(near.outcome.body?.effectiveURL == server.url("/hop7"))
        }
    }

    @Test("a redirect to another scheme is refused")
    func redirectToFile() throws {
        try TestHTTPServer.with { server in
            server.route("/sneaky", .redirect(to: "file:///etc/passwd"))
            let result = try fetchOne(server.url("/sneaky"))
            guard case .failed(.transport(let url, let message)) = result.outcome else {
                Issue.record("expected a transport failure, got \(result.outcome)")
                return
            }
            #expect(url == server.url("/sneaky").absoluteString)
            #expect(message == "redirected to file:///etc/passwd: only http and https are followed")
        }
    }
}
