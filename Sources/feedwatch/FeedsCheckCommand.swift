import ArgumentParser
import Configuration
import FeedFetcher
import Foundation
import Monitor

/// `feedwatch feeds check`: fetch every feed once and say what is wrong with each.
struct FeedsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fetch every feed once and report what is wrong with each.",
        discussion: """
            Each enabled feed is fetched as the monitor fetches it, with its own user-agent, \
            headers, login, timeout and max-size, and read. Problems: an HTTP error status, no \
            answer, a timeout, a redirect loop, a response over max-size, not a feed, XML too \
            broken to read (with its line), no items, or a newest item older than stale-after. \
            Warnings: slow (over half its timeout), XML read despite errors, moved permanently. \
            The state is neither read nor changed. Exit status: 0 when no feed has a problem, \
            1 when any has, 65 when feeds.conf is wrong.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "One JSON object per feed, per line.")
    var json = false

    func run() throws {
        let configuration = try loadConfiguration(
            common,
            needing: ConfigurationNeeds(
                monitorKeys: ["concurrency", "timeout", "max-size", "stale-after"], feeds: true),
            command: "feeds check")
        let settings = configuration.settings
        let fetcher = FeedFetcher(
            options: FetchOptions(
                concurrency: settings.concurrency, timeout: settings.timeout,
                maxSize: settings.maxSize, userAgent: FeedwatchVersion.userAgent))
        let checks = FeedCheck.run(configuration, fetcher: fetcher)
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for check in checks {
                print(String(decoding: try encoder.encode(check), as: UTF8.self))
            }
        } else {
            print(Self.table(checks))
        }
        if checks.contains(where: \.isWrong) { throw ExitStatus.failures }
    }

    private static func table(_ checks: [FeedCheck]) -> String {
        let rows = checks.map { check in
            [
                check.name, check.isWrong ? "wrong" : check.findings.isEmpty ? "ok" : "warning",
                check.status.map(String.init) ?? "-", check.items.map(String.init) ?? "-",
                String(format: "%.1fs", check.elapsedSeconds),
                check.findings.map { "\($0.severity == .problem ? "" : "warning: ")\($0.message)" }
                    .joined(separator: "; "),
            ]
        }
        let wrong = checks.filter(\.isWrong).count
        let summary =
            "\(checks.count) \(checks.count == 1 ? "feed" : "feeds") checked, \(wrong) wrong"
        return TextTable.render(
            header: ["FEED", "RESULT", "HTTP", "ITEMS", "TIME", "FINDINGS"], rows: rows)
            + "\n" + summary
    }
}
