import Foundation
import TestHTTPServer
import Testing

/// `feeds check` says what is wrong with each feed, in words and in JSON.
@Suite struct FeedsCheckTests {
    @Test func eachKindOfWrongIsNamed() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/gone", .status(410))
        server.route("/loop", .redirect(to: "/loop2"))
        server.route("/loop2", .redirect(to: "/loop"))
        server.route(
            "/page",
            .text(
                "<!DOCTYPE html><html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\"></head><body>Hi</body></html>",
                contentType: "text/html"))
        server.route(
            "/empty", .text("<rss version=\"2.0\"><channel><title>E</title></channel></rss>"))
        server.route(
            "/fine",
            .text(
                "<rss version=\"2.0\"><channel><title>F</title><item><guid>a</guid><title>t</title></item></channel></rss>"
            ))
        let workspace = try Workspace()
        var config = "[monitor]\ntimeout = 10s\n"
        for name in ["gone", "loop", "page", "empty", "fine"] {
            config += "\n[feed \(name)]\nurl = \(server.url("/\(name)"))\n"
        }
        try workspace.write("feeds.conf", config)

        let json = try workspace.runner.run(["feeds", "check", "--json"])
        #expect(json.status == 1, "\(json.standardError)")
        var kinds: [String: [String]] = [:]
        for line in json.standardOutput.split(separator: "\n") {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let findings = (object["findings"] as? [[String: Any]]) ?? []
            kinds[object["name"] as? String ?? ""] = findings.compactMap { $0["kind"] as? String }
        }
        #expect(kinds["gone"] == ["http-status"])
        #expect(kinds["loop"] == ["redirect-loop"])
        #expect(kinds["page"] == ["not-a-feed"])
        #expect(kinds["empty"] == ["empty"])
        #expect(kinds["fine"] == [])

        let text = try workspace.runner.run(["feeds", "check"])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("HTTP 410"))
        #expect(text.standardOutput.contains("announces a feed: \(server.url("/atom"))"))
        #expect(text.standardOutput.contains("5 feeds checked, 4 wrong"))

        try workspace.write("feeds.conf", "[feed fine]\nurl = \(server.url("/fine"))\n")
        let clean = try workspace.runner.run(["feeds", "check"])
        #expect(clean.status == 0, "\(clean.standardOutput)")
    }
}
