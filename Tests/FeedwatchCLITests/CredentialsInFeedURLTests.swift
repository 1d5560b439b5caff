import Foundation
import TestHTTPServer
import Testing

/// A feed's URL may carry its credential (user info, an API key in the
/// query); no output, log line or stored error may show it.
@Suite struct CredentialsInFeedURLTests {
    static let secrets = ["PASSWORD", "KEY1", "KEY2", "KEY3"]

    @Test func noOutputShowsACredentialOfAFeedURL() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/failing", .status(500))
        server.route("/old", .redirect(to: "/new?token=KEY3", status: 301))
        server.route(
            "/new",
            .text(
                "<rss version=\"2.0\"><channel><title>New</title>"
                    + "<item><guid>n</guid><title>Calm day</title></item></channel></rss>",
                contentType: "application/rss+xml"))
        let closed = try TestHTTPServer.closedPort()
        let base = "127.0.0.1:\(server.port)"
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed failing]
            url = http://reader:PASSWORD@\(base)/failing?apikey=KEY1&format=rss

            [feed unreachable]
            url = http://reader:PASSWORD@127.0.0.1:\(closed)/feed?KEY2

            [feed moved]
            url = http://\(base)/old?apikey=KEY1
            """)

        let poll = try workspace.runner.run(["poll"])
        #expect(poll.status == 1)
        #expect(poll.standardError.contains("failing"))
        #expect(poll.standardError.contains("apikey=…"))
        let feeds = try workspace.runner.run(["feeds"])
        let feedsJSON = try workspace.runner.run(["feeds", "--json"])
        #expect(feedsJSON.standardOutput.contains("HTTP 500"))
        #expect(feedsJSON.standardOutput.contains("…@127.0.0.1"))
        #expect(feedsJSON.standardOutput.contains("token=…"))
        let stored = try storedErrors(workspace)
        #expect(stored.contains("HTTP 500"))

        let shown = [
            ("poll", poll.standardOutput + poll.standardError),
            ("feeds", feeds.standardOutput + feeds.standardError),
            ("feeds --json", feedsJSON.standardOutput), ("state", stored),
        ]
        for (source, text) in shown {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(source) shows \(secret):\n\(text)")
            }
        }
    }

    /// The errors kept in the state, as SQLite's own shell reads them.
    private func storedErrors(_ workspace: Workspace) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [
            workspace.url("state/feedwatch.db").path,
            "SELECT coalesce(last_error, '') FROM feed_state",
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }
}
