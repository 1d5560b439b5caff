import Foundation
import TestHTTPServer
import Testing

/// `feeds add` on a feed, and on pages announcing one, several or no feed;
/// `parse` on a page that is not a feed.
@Suite struct FeedsAddTests {
    static func rss(_ title: String) -> String {
        """
        <rss version="2.0"><channel><title>\(title)</title>
        <item><guid>a</guid><title>Storm closes airports</title></item>
        </channel></rss>
        """
    }

    static func page(_ links: String) -> ScriptedResponse {
        .text(
            "<!DOCTYPE html><html><head><title>Desk</title>\(links)</head><body><p>News</p></body></html>",
            contentType: "text/html; charset=utf-8")
    }

    @Test func aFeedURLIsAddedUnderItsTitle() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/world.xml", .text(Self.rss("World News &amp; More")))
        let workspace = try Workspace()
        let before = workspace.read("feeds.conf")
        let result = try workspace.runner.run([
            "feeds", "add", server.url("/world.xml").absoluteString, "--tags", "world, wires",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let written = workspace.read("feeds.conf")
        #expect(written.hasPrefix(before))
        #expect(
            written.contains(
                "[feed world-news-more]\nurl = \(server.url("/world.xml"))\ntags = world, wires\n"))

        let again = try workspace.runner.run([
            "feeds", "add", server.url("/world.xml").absoluteString,
        ])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already has it, as [feed world-news-more]"))
    }

    @Test func aPageWithOneFeedGivesThatFeed() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/blog/",
            Self.page("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"atom.xml\">"))
        server.route(
            "/blog/atom.xml",
            .text(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Desk blog</title><entry><id>e</id><title>t</title></entry></feed>",
                contentType: "application/atom+xml"))
        let workspace = try Workspace()
        let result = try workspace.runner.run([
            "feeds", "add", server.url("/blog/").absoluteString, "--name", "desk",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("announced by the page"))
        #expect(
            workspace.read("feeds.conf").contains(
                "[feed desk]\nurl = \(server.url("/blog/atom.xml"))\n"))
    }

    @Test func aPageWithSeveralFeedsListsThemUnlessFirstIsGiven() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/",
            Self.page(
                """
                <link rel="alternate" type="application/rss+xml" title="Top stories" href="/top.rss">
                <link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json">
                """))
        server.route("/top.rss", .text(Self.rss("Top stories")))
        let workspace = try Workspace()
        let before = workspace.read("feeds.conf")
        let listed = try workspace.runner.run(["feeds", "add", server.url("/").absoluteString])
        #expect(listed.status == 64)
        #expect(listed.standardError.contains("offers 2 feeds"))
        #expect(listed.standardError.contains("\(server.url("/top.rss"))  (Top stories)"))
        #expect(listed.standardError.contains("--first"))
        #expect(workspace.read("feeds.conf") == before)

        let first = try workspace.runner.run([
            "feeds", "add", server.url("/").absoluteString, "--first",
        ])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(
            workspace.read("feeds.conf").contains(
                "[feed top-stories]\nurl = \(server.url("/top.rss"))\n"))
    }

    @Test func aPageWithoutLinksIsSearchedAtCommonPaths() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/", Self.page(""))
        server.route("/rss.xml", .text(Self.rss("Found at a path")))
        let workspace = try Workspace()
        let result = try workspace.runner.run(["feeds", "add", server.url("/").absoluteString])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("found at a common path"))
        #expect(
            workspace.read("feeds.conf").contains(
                "[feed found-at-a-path]\nurl = \(server.url("/rss.xml"))\n"))

        server.route("/rss.xml", .status(404))
        let none = try workspace.runner.run([
            "feeds", "add", server.url("/").absoluteString, "--name", "x",
        ])
        #expect(none.status == 1)
        #expect(none.standardError.contains("announces no feed"), "\(none.standardError)")
    }

    @Test func parseOnAPageSaysWhichFeedsItAnnounces() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route(
            "/news",
            Self.page(
                "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"All\" href=\"/all.rss\">"
            ))
        let workspace = try Workspace()
        let result = try workspace.runner.run(["parse", server.url("/news").absoluteString])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not a feed"))
        #expect(
            result.standardError.contains("announces a feed: \(server.url("/all.rss")) (All)"),
            "\(result.standardError)")
    }
}
