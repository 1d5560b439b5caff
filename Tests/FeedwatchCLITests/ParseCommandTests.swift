import Foundation
import TestHTTPServer
import Testing

/// `feedwatch parse` with URLs from a real HTTP server on 127.0.0.1, and
/// with the repository's example feeds.
@Suite struct ParseCommandTests {
    static let wire = """
        <rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
        <item><guid>a</guid><title>Storm closes airports</title><link>/storm</link></item>
        </channel></rss>
        """

    /// The repository's examples/feeds folder.
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/feeds")

    /// Standard output's JSON Lines, each line an object.
    private func jsonLines(_ output: CommandRunner.Output) throws -> [[String: Any]] {
        try output.standardOutput.split(separator: "\n").map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func anHTTPURLIsFetchedAndParsed() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/feeds/wire.xml", .text(Self.wire))
        let workspace = try Workspace()

        let output = try workspace.runner.run([
            "parse", server.url("/feeds/wire.xml").absoluteString,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let feeds = try jsonLines(output)
        #expect(feeds.count == 1)
        #expect(feeds.first?["title"] as? String == "Wire")
        let item = try #require((feeds.first?["items"] as? [[String: Any]])?.first)
        // Relative links resolve against the URL the feed came from.
        #expect(item["link"] as? String == server.url("/storm").absoluteString)
        #expect(
            server.requests(for: "/feeds/wire.xml").first?.header("User-Agent")?.hasPrefix(
                "feedwatch/") == true)
    }

    @Test func aMissingFeedNamesTheURLAndTheStatus() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let workspace = try Workspace()
        let url = server.url("/gone.xml").absoluteString

        let output = try workspace.runner.run(["parse", url])
        #expect(output.status == 1)
        #expect(output.standardOutput.isEmpty)
        #expect(
            output.standardError.contains("fetcher: \(url): HTTP 404"), "\(output.standardError)")
    }

    @Test func aFailingInputLosesNothingElse() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/wire.xml", .text(Self.wire))
        server.route(
            "/broken.xml",
            .text(
                "<html><body>Service unavailable</body></html>", status: 503,
                contentType: "text/html"))
        let workspace = try Workspace()
        let broken = server.url("/broken.xml").absoluteString
        let inputs = [server.url("/wire.xml").absoluteString, broken, "wire.xml", "missing.xml"]

        let output = try workspace.runner.run(["parse"] + inputs)
        #expect(output.status == 1)
        let titles = try jsonLines(output).map { $0["title"] as? String }
        #expect(titles == ["Wire", "Wire"])
        #expect(output.standardError.contains("fetcher: \(broken): HTTP 503"))
        #expect(output.standardError.contains("missing.xml: no such file"))

        let stats = try workspace.runner.run(["parse", "--stats"] + inputs)
        #expect(stats.status == 1)
        #expect(stats.standardOutput.hasPrefix("feeds 2, items 3, "), "\(stats.standardOutput)")
        #expect(stats.standardOutput.contains("errors 2, "))
    }

    @Test func theContentTypeCharsetIsHonoured() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        // No XML declaration: only the HTTP header says what the bytes are.
        let latin1 = try #require(
            "<rss version=\"2.0\"><channel><title>Café crème à Kaboul</title></channel></rss>"
                .data(using: .isoLatin1))
        server.route(
            "/latin1.xml",
            ScriptedResponse(
                headers: [("Content-Type", "text/xml; charset=ISO-8859-1")], body: latin1))
        // "Привет" in KOI8-R, which a guess would take for another Cyrillic code page.
        let koi8 =
            Data("<rss version=\"2.0\"><channel><title>".utf8)
            + Data([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4])
            + Data("</title></channel></rss>".utf8)
        server.route(
            "/koi8.xml",
            ScriptedResponse(
                headers: [("Content-Type", "application/rss+xml; charset=\"koi8-r\"")], body: koi8))
        let workspace = try Workspace()

        let output = try workspace.runner.run([
            "parse", server.url("/latin1.xml").absoluteString,
            server.url("/koi8.xml").absoluteString,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        let feeds = try jsonLines(output)
        #expect(feeds.map { $0["title"] as? String } == ["Café crème à Kaboul", "Привет"])
        // Read as the server said: no guessing, so nothing to warn about.
        #expect(feeds.map { ($0["warnings"] as? [String])?.isEmpty } == [true, true])
    }

    @Test func sizeLimitAndTimeoutAreNamed() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let large = Self.wire.replacingOccurrences(
            of: "</channel>", with: String(repeating: " ", count: 4096) + "</channel>")
        server.route("/large.xml", .text(large))
        server.route("/slow.xml", ScriptedResponse.text(Self.wire).delayed(by: 10))
        let workspace = try Workspace()
        let largeURL = server.url("/large.xml").absoluteString
        let slowURL = server.url("/slow.xml").absoluteString

        let output = try workspace.runner.run([
            "parse", "--max-size", "1KB", "--timeout", "1", largeURL, slowURL,
        ])
        #expect(output.status == 1)
        #expect(
            output.standardError.contains("fetcher: \(largeURL): response larger than 1024 bytes"))
        #expect(
            output.standardError.contains("fetcher: \(slowURL): timed out"),
            "\(output.standardError)")
    }

    @Test func theIllFormedExampleParsesWithItsRepairsAsWarnings() throws {
        let workspace = try Workspace()
        let illFormed = Self.examples.appendingPathComponent("meridian-world-wire.xml").path
        let wellFormed = Self.examples.appendingPathComponent("hindu-kush-herald.xml").path
        let expected = [
            "3 undeclared HTML entities (&mdash;, &rsquo;) read as in HTML, first at line 6",
            "1 bare & that starts no reference kept as text, at line 26",
        ]

        let json = try workspace.runner.run(["parse", illFormed])
        #expect(json.status == 0, "\(json.standardError)")
        let feed = try #require(try jsonLines(json).first)
        #expect(feed["warnings"] as? [String] == expected)
        let titles = (feed["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles?.contains("AT&T and Verizon agree to share rural towers") == true)

        let text = try workspace.runner.run(["parse", "--text", illFormed])
        #expect(text.status == 0)
        for warning in expected {
            #expect(text.standardOutput.contains("\n  warning: \(warning)\n"))
        }

        let stats = try workspace.runner.run(["parse", "--stats", illFormed, wellFormed])
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("feeds 2, items 8, "), "\(stats.standardOutput)")
        #expect(stats.standardOutput.contains("warnings 2, errors 0, "))
    }

    @Test func rulesTestReadsAURLThroughTheSameReader() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        let workspace = try Workspace()
        server.route("/wire.xml", .text(workspace.read("wire.xml")))

        let output = try workspace.runner.run([
            "rules", "test", "--json", server.url("/wire.xml").absoluteString,
        ])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains(#""rule": "haqqani""#))

        let missing = try workspace.runner.run([
            "rules", "test", server.url("/gone.xml").absoluteString,
        ])
        #expect(missing.status == 1)
        #expect(
            missing.standardError.contains(
                "fetcher: \(server.url("/gone.xml").absoluteString): HTTP 404"))
    }
}
