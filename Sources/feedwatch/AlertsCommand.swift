import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Monitor

/// `feedwatch alerts [list|show|stats|follow]`: reviewing the alert log.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Review the alert log.",
        subcommands: [
            AlertsListCommand.self, AlertsShowCommand.self, AlertsStatsCommand.self,
            AlertsFollowCommand.self, AlertsReindexCommand.self, AlertsRedeliverCommand.self,
        ],
        defaultSubcommand: AlertsListCommand.self)
}

/// The filters every review command shares.
struct AlertFilterOptions: ParsableArguments {
    @Option(help: "Only alerts at or after this time: 24h, 7d, or an ISO 8601 date.")
    var since: String?

    @Option(help: "Only alerts at or before this time: 24h, 7d, or an ISO 8601 date.")
    var until: String?

    @Option(help: "Only alerts of this rule id.")
    var rule: String?

    @Option(help: "Only alerts naming this entity id.")
    var entity: String?

    @Option(help: "Only this severity (high), or this and above (high+).")
    var severity: String?

    @Option(help: "Only alerts from this feed.")
    var feed: String?

    @Option(help: "Only alerts of this story id.")
    var story: String?

    @Option(help: "Only alerts whose title, snippet or matched text contains this (any case).")
    var grep: String?

    @Flag(help: "Also the reports folded into stories their rule had already alerted on.")
    var folded = false

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, RelativeTime.parse(value) == nil {
                throw ValidationError(
                    "\(name) \(value): write a duration (24h, 7d) or an ISO 8601 date")
            }
        }
        if let severity, SeverityFilter(severity) == nil {
            throw ValidationError(
                "--severity \(severity): write info, low, medium, high or critical, with + for 'and above'"
            )
        }
    }

    var filter: AlertFilter {
        var filter = AlertFilter(
            since: since.flatMap { RelativeTime.parse($0) },
            until: until.flatMap { RelativeTime.parse($0) },
            rule: rule, entity: entity, severity: severity.flatMap(SeverityFilter.init), feed: feed,
            story: story, grep: grep)
        filter.folded = folded
        return filter
    }
}

/// The review over the configured log and state: needs `[monitor]`'s paths
/// only, never the rules.
func openReview(_ common: CommonOptions) throws -> AlertSearch {
    try openReview(loadConfiguration(common, needing: .alertLog, command: "alerts").settings)
}

/// The review over the log and state that `settings` name.
func openReview(_ settings: MonitorSection) throws -> AlertSearch {
    do {
        let state = try StateOpening.forReview(path: settings.statePath)
        return try AlertSearch(logPath: settings.alertLogPath, index: state, stories: state)
    } catch {
        printError("\(error)")
        throw ExitStatus.failures
    }
}

struct AlertsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The alerts, newest first (the default).",
        discussion: """
            On a terminal without --limit, the newest \(Self.screen) are shown, with a count of \
            the rest; with --json or --csv, or into a pipe, every matching alert.
            """)

    static let screen = 50

    @OptionGroup var common: CommonOptions
    @OptionGroup var filters: AlertFilterOptions

    @Option(help: "At most this many alerts.")
    var limit: Int?

    @Flag(help: "One JSON object per line, as in the log.")
    var json = false

    @Flag(help: "CSV with a header row.")
    var csv = false

    @Flag(help: "Show the link, matched text and snippet of each alert.")
    var details = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let review = try openReview(common)
        let filter = filters.filter
        let terminal = isatty(STDOUT_FILENO) != 0
        let shown = limit ?? (terminal && !json && !csv ? Self.screen : nil)
        if !json && !csv && !details,
            let entries = try review.entries(matching: filter, limit: shown)
        {
            // The one-line listing comes straight from the index, with each
            // story's current number of sources from the state.
            let sources = try review.currentSources(ofStories: entries.compactMap(\.story))
            for entry in entries {
                print(
                    AlertText.line(
                        entry, sources: entry.story.flatMap { sources[$0] }, color: terminal))
            }
            try footer(review, filter: filter, shown: entries.count, limit: shown)
            return
        }
        let (alerts, corrupt) = try review.alerts(matching: filter, limit: shown)
        for line in corrupt { printError(line.description) }
        let encoder = AlertLogFormat.makeEncoder()
        if csv { print(AlertCSV.header) }
        let sources = json || csv ? [:] : try review.currentSources(ofStories: alerts.map(\.story))
        for alert in alerts {
            if json {
                print(String(decoding: try encoder.encode(alert), as: UTF8.self))
            } else if csv {
                print(AlertCSV.row(alert))
            } else {
                print(
                    details
                        ? AlertText.details(alert, sources: sources[alert.story], color: terminal)
                        : AlertText.line(alert, sources: sources[alert.story], color: terminal))
            }
        }
        if !json && !csv { try footer(review, filter: filter, shown: alerts.count, limit: shown) }
        // What was skipped was said on standard error; the status says the answer is incomplete.
        if !corrupt.isEmpty { throw ExitStatus.failures }
    }

    /// On a cut listing, how many more there are (on standard error: not data).
    private func footer(_ review: AlertSearch, filter: AlertFilter, shown: Int, limit: Int?) throws
    {
        guard let limit, shown == limit else { return }
        let total = try review.count(matching: filter)
        if total > shown {
            printError("… \(total - shown) more; use --limit N, or --json for all")
        }
    }
}

struct AlertsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One alert, whole, with the matched text highlighted.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The alert id (or a unique start of it).")
    var id: String

    @Flag(help: "The record as JSON.")
    var json = false

    func run() throws {
        let settings = try loadConfiguration(common, needing: .alertLog, command: "alerts").settings
        let review = try openReview(settings)
        let alert = try uniqueAlert(startingWith: id, in: review)
        if json {
            let encoder = AlertLogFormat.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            print(String(decoding: try encoder.encode(alert), as: UTF8.self))
            return
        }
        let color = isatty(STDOUT_FILENO) != 0
        let sources = try review.currentSources(ofStories: [alert.story])[alert.story]
        print(AlertText.details(alert, sources: sources, color: color))
        // Where the alert was sent, and why a delivery died.
        let state = try? StateOpening.forReview(path: settings.statePath)
        if let deliveries = try? state?.deliveries(alertID: alert.id), !deliveries.isEmpty {
            print(DeliveryLines.text(deliveries))
        }
        // The rest of its story: every other record, folded reports included, oldest first.
        var story = AlertFilter(story: alert.story)
        story.folded = true
        let others = try review.alerts(matching: story, limit: nil).alerts.reversed()
            .filter { $0.id != alert.id }
        guard !others.isEmpty else { return }
        print("\nother reports of story \(alert.story) (feedwatch stories show \(alert.story)):")
        for other in others { print("  " + AlertText.line(other, color: color)) }
    }
}

struct AlertsStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Counts by rule, entity, feed, severity and day.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var filters: AlertFilterOptions

    @Flag(help: "The counts as one JSON object.")
    var json = false

    func run() throws {
        let statistics = try openReview(common).statistics(matching: filters.filter)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        } else {
            print(statistics.text)
        }
    }
}
