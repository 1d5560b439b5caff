import Foundation
import Testing

@testable import Configuration

@Suite struct FeedSettingsTests {
    static let feed = """
        [sink ops]
        url = https://hooks.example.org/ops

        [feed wire]
        url = https://wire.example.org/feed
        user-agent = NewsDesk/2.0
        header = X-Api-Key: env:WIRE_API_KEY
        header = Accept-Language: en
        user = desk
        password = env:WIRE_PASSWORD
        timeout = 5s
        max-size = 512KB
        stale-after = 2h
        health-notify = ops, log

        [feed quiet]
        url = https://quiet.example.org/feed
        health-notify = off
        """

    @Test func everyPerFeedSettingIsRead() throws {
        let configuration = try parse(Self.feed)
        let wire = try #require(configuration.feed(named: "wire"))
        #expect(wire.settings.userAgent == "NewsDesk/2.0")
        #expect(
            wire.settings.headers == [
                FeedHeader(name: "X-Api-Key", value: .environment("WIRE_API_KEY")),
                FeedHeader(name: "Accept-Language", value: .literal("en")),
            ])
        #expect(
            wire.settings.login == FeedLogin(user: "desk", password: .environment("WIRE_PASSWORD")))
        #expect(wire.settings.timeout == 5)
        #expect(wire.settings.maxSize == 512 * 1024)
        #expect(wire.effectiveStaleAfter(configuration.settings) == 7200)
        #expect(wire.effectiveHealthNotify(configuration.settings) == ["ops", "log"])
        let quiet = try #require(configuration.feed(named: "quiet"))
        #expect(quiet.effectiveHealthNotify(configuration.settings) == [])
        #expect(quiet.effectiveStaleAfter(configuration.settings) == 24 * 3600)
    }

    @Test func offSilencesHealthAlertsInMonitorToo() throws {
        let configuration = try parse("[monitor]\nhealth-notify = off\n")
        #expect(configuration.settings.healthNotify == [])
    }

    @Test func secretsResolveAtUseTimeAndAnUnsetOneNamesItsVariableOnly() throws {
        let wire = try #require(try parse(Self.feed).feed(named: "wire"))
        let environment = ["WIRE_API_KEY": "key-123", "WIRE_PASSWORD": "hunter2"]
        let headers = try wire.resolvedHeaders(environment: environment)
        #expect(headers.map(\.name) == ["X-Api-Key", "Accept-Language"])
        #expect(headers.map(\.value) == ["key-123", "en"])
        let login = try #require(try wire.resolvedLogin(environment: environment))
        #expect(login.user == "desk" && login.password == "hunter2")

        #expect(
            throws: ConfigurationError(
                file: "feeds.conf", line: 4,
                message:
                    "feed 'wire': password names environment variable WIRE_PASSWORD, which is not set"
            )
        ) {
            try wire.resolvedLogin(environment: ["WIRE_API_KEY": "key-123"])
        }
    }

    @Test func aPrintedConfigurationShowsNoSecret() throws {
        let configuration = try parse(
            """
            [feed wire]
            url = https://wire.example.org/feed
            header = X-Token: literal-token-value
            user = desk
            password = literal-password-value
            """)
        for text in [
            String(describing: configuration), String(reflecting: configuration),
            "\(configuration.feeds)",
        ] {
            #expect(!text.contains("literal-token-value"))
            #expect(!text.contains("literal-password-value"))
        }
    }

    /// Text with one mistake → the line and a piece of the message it must produce.
    static let mistakes: [(text: String, line: Int, message: String)] = [
        ("timeout = 10", 3, "timeout: '10' is not a duration"),
        ("max-size = huge", 3, "max-size: 'huge' is not a size"),
        ("stale-after = 0s", 3, "stale-after: must be longer than zero"),
        ("header = X-Token", 3, "header: 'X-Token' is not `Name: value`"),
        ("header = Bad Name: x", 3, "header: 'Bad Name' is not a header field name"),
        ("header = Host: example.org", 3, "header: Host cannot be set here"),
        ("header = Authorization: Basic eA==", 3, "write user and password instead"),
        ("header = X-Token:", 3, "header: X-Token needs a value"),
        ("header = X-Token: env:1BAD", 3, "'1BAD' is not an environment variable name"),
        ("user = desk", 3, "user: needs a password"),
        ("password = env:PW", 3, "password: needs a user"),
        ("health-notify = pager", 3, "health-notify names sink 'pager', which no [sink pager]"),
        ("health-notify = off, log", 3, "write `off` alone"),
        ("user-agnet = x", 3, "unknown key 'user-agnet' in [feed a]; did you mean 'user-agent'?"),
    ]

    @Test(arguments: mistakes)
    func eachMistakeIsReportedAtItsLine(text: String, line: Int, message: String) {
        do {
            _ = try parse("[feed a]\nurl = https://example.org/a\n\(text)\n")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.description.hasPrefix("feeds.conf:\(line): config:"), "\(error)")
        }
    }

    @Test func headerMayBeRepeatedButOtherKeysMayNot() {
        #expect(throws: ConfigurationError.self) {
            try parse("[feed a]\nurl = https://example.org/a\ntimeout = 5s\ntimeout = 6s\n")
        }
        #expect(throws: Never.self) {
            try parse(
                "[feed a]\nurl = https://example.org/a\nheader = A: 1\nheader = B: 2\n")
        }
    }
}
