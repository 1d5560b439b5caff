import Foundation
import TestHTTPServer
import Testing

/// A feed's own user agent, headers, login, timeout, size cap and
/// stale-after, used on a real server; its secrets shown nowhere.
@Suite struct PerFeedSettingsTests {
    static let secrets = ["s3cr3t-header-value", "pa55word-from-env"]
    static let rss = """
        <rss version="2.0"><channel><title>Desk</title>
        <item><guid>a</guid><title>Storm closes airports</title></item>
        </channel></rss>
        """

    @Test func headersLoginAndUserAgentReachTheServerAndSecretsNoOutput() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/desk", .text(Self.rss))
        server.route("/plain", .text(Self.rss))
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed desk]
            url = \(server.url("/desk"))
            user-agent = NewsDesk/2.0
            header = X-Api-Key: env:DESK_API_KEY
            header = Accept-Language: en
            user = desk
            password = env:DESK_PASSWORD

            [feed plain]
            url = \(server.url("/plain"))
            """)
        let environment = [
            "DESK_API_KEY": Self.secrets[0], "DESK_PASSWORD": Self.secrets[1],
        ]

        let poll = try workspace.runner.run(["poll"], environment: environment)
        #expect(poll.status == 0, "\(poll.standardError)")
        let desk = try #require(server.requests(for: "/desk").first)
        #expect(desk.header("X-Api-Key") == Self.secrets[0])
        #expect(desk.header("Accept-Language") == "en")
        #expect(desk.header("User-Agent") == "NewsDesk/2.0")
        let basic = Data("desk:\(Self.secrets[1])".utf8).base64EncodedString()
        #expect(desk.header("Authorization") == "Basic \(basic)")
        let plain = try #require(server.requests(for: "/plain").first)
        #expect(plain.header("X-Api-Key") == nil && plain.header("Authorization") == nil)
        #expect(plain.header("User-Agent")?.hasPrefix("feedwatch/") == true)

        // Every output a user, a log or a ticket may see.
        let outputs = [
            ("poll", poll),
            ("feeds", try workspace.runner.run(["feeds"], environment: environment)),
            (
                "feeds --json",
                try workspace.runner.run(["feeds", "--json"], environment: environment)
            ),
            (
                "feeds check",
                try workspace.runner.run(["feeds", "check"], environment: environment)
            ),
            (
                "feeds check --json",
                try workspace.runner.run(["feeds", "check", "--json"], environment: environment)
            ),
            (
                "feeds export",
                try workspace.runner.run(["feeds", "export", "--opml"], environment: environment)
            ),
            (
                "rules check",
                try workspace.runner.run(["rules", "check"], environment: environment)
            ),
        ]
        let state = try Data(contentsOf: workspace.url("state/feedwatch.db"))
        let texts =
            outputs.map { ($0.0, $0.1.standardOutput + $0.1.standardError) } + [
                ("state", String(decoding: state, as: UTF8.self)),
                ("alert log", workspace.read("alerts.jsonl")),
            ]
        for (source, text) in texts {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(source) shows \(secret):\n\(text)")
            }
        }
        #expect(outputs[3].1.status == 0, "\(outputs[3].1.standardOutput)")
    }

    @Test func anUnsetSecretFailsTheFeedNamingTheVariableAndNothingIsSent() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/desk", .text(Self.rss))
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed desk]
            url = \(server.url("/desk"))
            user = desk
            password = env:DESK_PASSWORD_UNSET_IN_TESTS
            """)
        let check = try workspace.runner.run(["feeds", "check"])
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("DESK_PASSWORD_UNSET_IN_TESTS, which is not set"))
        #expect(check.standardOutput.contains("feeds.conf:5"))
        #expect(server.requests(for: "/desk").isEmpty)
    }

    @Test func timeoutMaxSizeAndStaleAfterAreTheFeedsOwn() throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/slow", ScriptedResponse.text(Self.rss).delayed(by: 4))
        server.route("/big", .text(Self.rss + String(repeating: " ", count: 4096)))
        server.route(
            "/old",
            .text(
                """
                <rss version="2.0"><channel><title>Old</title>
                <item><guid>o</guid><title>Old news</title><pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate></item>
                </channel></rss>
                """))
        server.route("/fine", .text(Self.rss))
        let workspace = try Workspace()
        try workspace.write(
            "feeds.conf",
            """
            [monitor]
            timeout = 20s
            max-size = 1MB
            stale-after = 100000d

            [feed slow]
            url = \(server.url("/slow"))
            timeout = 1s

            [feed big]
            url = \(server.url("/big"))
            max-size = 1KB

            [feed old]
            url = \(server.url("/old"))
            stale-after = 30d

            [feed fine]
            url = \(server.url("/fine"))
            """)
        let check = try workspace.runner.run(["feeds", "check", "--json"])
        #expect(check.status == 1, "\(check.standardError)")
        let lines = check.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let byName = try Dictionary(
            uniqueKeysWithValues: lines.map { line -> (String, [String: Any]) in
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return (try #require(object["name"] as? String), object)
            })
        func kinds(_ name: String) -> [String] {
            ((byName[name]?["findings"] as? [[String: Any]]) ?? []).compactMap {
                $0["kind"] as? String
            }
        }
        #expect(kinds("slow").contains("timed-out"))
        #expect(kinds("big") == ["too-large"])
        #expect(kinds("old") == ["stale"])
        #expect(kinds("fine") == [])
        #expect(byName["fine"]?["wrong"] as? Bool == false)
        #expect(byName["old"]?["wrong"] as? Bool == true)
        #expect(byName["fine"]?["elapsed_seconds"] != nil)
    }
}
