import ArgumentParser
import Configuration
import Foundation
import Monitor
import Store

/// `feedwatch feeds [list|add|import|export|check]`: the feeds, listed with
/// their health (the default), added, imported, exported and checked.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "List, add, import, export and check the feeds.",
        subcommands: [
            FeedsListCommand.self, FeedsAddCommand.self, FeedsImportCommand.self,
            FeedsExportCommand.self, FeedsCheckCommand.self,
        ],
        defaultSubcommand: FeedsListCommand.self)
}

/// `feedwatch feeds [list]`: every feed with its health.
struct FeedsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract:
            "List the feeds with their health: last success, status, items, failures, next poll.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "One JSON object per feed, per line.")
    var json = false

    func run() throws {
        // The feeds as far as they read: one broken section is a warning, not a lock-out.
        let configuration = try loadConfiguration(common, needing: .feedHealth, command: "feeds")
        let states: [FeedState]
        do {
            // Read-only: a monitor running on the same state keeps its lock.
            states =
                try StateOpening.forReview(configuration.settings.state)?.allFeedStates()
                ?? []
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
        let report = FeedHealth.report(configuration: configuration, states: states)
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for feed in report { print(String(decoding: try encoder.encode(feed), as: UTF8.self)) }
            return
        }
        let rows = report.map { feed in
            [
                feed.name, feed.status.rawValue, Self.format(feed.lastSuccess),
                feed.lastStatus.map(String.init) ?? "-", String(feed.items), String(feed.failures),
                Self.format(feed.nextPoll),
                feed.movedTo.map { "moved to \($0)" } ?? feed.lastError ?? "",
            ]
        }
        print(
            TextTable.render(
                header: [
                    "FEED", "STATUS", "LAST SUCCESS", "HTTP", "ITEMS", "FAILS", "NEXT POLL", "NOTE",
                ],
                rows: rows))
    }

    static func format(_ date: Date?) -> String {
        guard let date else { return "-" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm'Z'"
        return formatter.string(from: date)
    }
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1
                    ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
