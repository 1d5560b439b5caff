import Foundation
import Testing

@testable import Configuration

/// Parses text as if it were `/srv/feedwatch/feeds.conf`.
func parse(_ text: String) throws(ConfigurationError) -> ConfigurationFile {
    try ConfigurationFile.parse(
        text: text, file: "feeds.conf", directory: URL(fileURLWithPath: "/srv/feedwatch"))
}

@Suite struct ConfigurationParsingTests {
    @Test func everyKeyIsRead() throws {
        let configuration = try parse(
            """
            [monitor]
            state = data/state.db
            alert-log = /var/log/feedwatch/alerts.jsonl
            interval = 15m
            concurrency = 8
            timeout = 45s
            max-size = 2MB
            stale-after = 2d
            health-notify = log, ops
            archive = 14d
            forget = 60d

            [sink ops]
            url = https://hooks.example.org/feedwatch
            format = slack
            secret = env:FEEDWATCH_OPS_SECRET

            [sink team]
            url = http://127.0.0.1:9000/hook
            secret = literal-secret

            [feed dawn]
            url = https://www.dawn.com/feeds/home
            interval = 5m
            tags = afpak, south-asia

            [feed local]
            url = file:examples/kabul.xml
            enabled = yes

            [feed paused]
            url = https://example.org/feed
            enabled = no
            """)

        let settings = configuration.settings
        #expect(settings.state == .sqliteFile(path: "/srv/feedwatch/data/state.db"))
        #expect(settings.alertLogPath == "/var/log/feedwatch/alerts.jsonl")
        #expect(settings.interval == 900)
        #expect(settings.concurrency == 8)
        #expect(settings.timeout == 45)
        #expect(settings.maxSize == 2 * 1024 * 1024)
        #expect(settings.staleAfter == 2 * 86_400)
        #expect(settings.healthNotify == ["log", "ops"])
        #expect(settings.archive == 14 * 86_400)
        #expect(settings.forget == 60 * 86_400)

        #expect(configuration.sinks.map(\.name) == ["ops", "team"])
        let ops = try #require(configuration.sink(named: "ops"))
        #expect(ops.url.absoluteString == "https://hooks.example.org/feedwatch")
        #expect(ops.format == .slack)
        #expect(ops.secret == "env:FEEDWATCH_OPS_SECRET")
        #expect(ops.line == 13)
        #expect(ops.file == "feeds.conf")
        #expect(configuration.sink(named: "team")?.format == .json)

        #expect(configuration.feeds.map(\.name) == ["dawn", "local"])
        let dawn = configuration.feeds[0]
        #expect(dawn.url.absoluteString == "https://www.dawn.com/feeds/home")
        #expect(dawn.interval == 300)
        #expect(dawn.tags == ["afpak", "south-asia"])
        #expect(dawn.line == 22)
        #expect(
            configuration.feeds[1].url == URL(fileURLWithPath: "/srv/feedwatch/examples/kabul.xml"))
        #expect(configuration.feeds[1].interval == nil)
        #expect(configuration.feeds[1].effectiveInterval(default: settings.interval) == 900)
        #expect(configuration.disabledFeeds.map(\.name) == ["paused"])
        #expect(configuration.feed(named: "dawn") == dawn)
        #expect(configuration.feed(named: "paused") == nil)
        #expect(configuration.directory == URL(fileURLWithPath: "/srv/feedwatch"))
    }

    @Test func defaultsApplyWithoutAMonitorSection() throws {
        let configuration = try parse("[feed a]\nurl = https://example.org/a.xml\n")

        var expected = MonitorSection()
        expected.state = .sqliteFile(path: "/srv/feedwatch/state/feedwatch.db")
        expected.alertLogPath = "/srv/feedwatch/alerts.jsonl"
        #expect(configuration.settings == expected)
        #expect(expected.archive == 30 * 86_400)
        #expect(expected.forget == 90 * 86_400)
        #expect(configuration.sinks.isEmpty)
    }

    @Test func anEmptyFileIsAValidConfigurationWithNoFeeds() throws {
        let configuration = try parse("# nothing yet\n\n")

        #expect(configuration.feeds.isEmpty)
    }

    @Test func commentsFollowValuesButURLFragmentsStay() throws {
        let configuration = try parse(
            """
            # a comment line
               # an indented comment
            [feed fragment]   # a comment after a header
            url = https://example.org/feed#latest   # a comment after a value
            tags = a,b#c, d  # '#' without a space before it is text
            """)

        let feed = try #require(configuration.feeds.first)
        #expect(feed.url.absoluteString == "https://example.org/feed#latest")
        #expect(feed.tags == ["a", "b#c", "d"])
    }

    @Test func quotedValuesKeepSpacesAndHashes() throws {
        let configuration = try parse(
            """
            [sink ops]
            url = https://hooks.example.org/x
            secret = "  s3cret #1 \\"quoted\\" \\\\ "   # a comment
            """)

        #expect(configuration.sinks.first?.secret == "  s3cret #1 \"quoted\" \\ ")
    }

    @Test func windowsLineEndingsTabsAndAByteOrderMarkAreFine() throws {
        let configuration = try parse(
            "\u{FEFF}[monitor]\r\n\tinterval\t=\t2h\r\n[feed a]\r\nurl = https://example.org/a\r\n")

        #expect(configuration.settings.interval == 7200)
        #expect(configuration.feeds.first?.url.absoluteString == "https://example.org/a")
    }

    @Test func emptyTagsMeanNoTags() throws {
        let configuration = try parse("[feed a]\nurl = https://example.org/a\ntags =\n")

        #expect(configuration.feeds.first?.tags == [])
    }

    @Test(arguments: ["yes", "true", "on", "YES"])
    func enabledAcceptsYes(word: String) throws {
        let configuration = try parse("[feed a]\nurl = https://example.org/a\nenabled = \(word)\n")
        #expect(configuration.feeds.count == 1)
    }

    @Test(arguments: ["no", "false", "off"])
    func enabledAcceptsNo(word: String) throws {
        let configuration = try parse("[feed a]\nurl = https://example.org/a\nenabled = \(word)\n")
        #expect(configuration.feeds.isEmpty)
        #expect(configuration.disabledFeeds.count == 1)
    }
}
