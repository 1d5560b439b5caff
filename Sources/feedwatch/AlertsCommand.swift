import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Monitor

/// `feedwatch alerts [list|show|stats|follow|ack|unack|export]`: reviewing the alert log.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Review the alert log.",
        subcommands: [
            AlertsListCommand.self, AlertsShowCommand.self, AlertsStatsCommand.self,
            AlertsFollowCommand.self, AlertsAckCommand.self, AlertsUnackCommand.self,
            AlertsReindexCommand.self, AlertsRedeliverCommand.self, AlertsExportCommand.self,
        ],
        defaultSubcommand: AlertsListCommand.self)
}

/// The review over the configured log and state: needs `[monitor]`'s paths
/// only, never the rules. With `filters`, a rule, feed, entity or story they
/// name that nothing knows is refused (exit 64).
func openReview(
    _ common: CommonOptions, checking filters: AlertFilterOptions? = nil,
    command: String = "alerts"
) throws -> AlertSearch {
    let configuration = try loadConfiguration(common, needing: .alertLog, command: command)
    let review = try openReview(configuration.settings)
    try filters?.checkKnownValues(
        in: review, feeds: configuredFeedNames(configuration), command: command)
    return review
}

/// The feeds feeds.conf lists, disabled ones too (their alerts stay in the log).
func configuredFeedNames(_ configuration: ConfigurationFile) -> [String] {
    (configuration.feeds + configuration.disabledFeeds).map(\.name)
}

/// The review over the log and state that `settings` name.
func openReview(_ settings: MonitorSection) throws -> AlertSearch {
    do {
        let state = try StateOpening.forReview(settings.state)
        return try AlertSearch(
            logPath: settings.alertLogPath, index: state, stories: state, annotations: state)
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
        let review = try openReview(common, checking: filters)
        let filter = filters.filter
        let terminal = isatty(STDOUT_FILENO) != 0
        let shown = limit ?? (terminal && !json && !csv ? Self.screen : nil)
        let time = filters.zone.time
        if !json && !csv && !details,
            let entries = try review.entries(matching: filter, limit: shown)
        {
            // The list comes straight from the index, with each story's
            // current number of sources and the acknowledgements from the state.
            let sources = try review.currentSources(ofStories: entries.compactMap(\.story))
            let acknowledged = try review.acknowledgedAlertIDs()
            printTable(
                entries.map {
                    AlertRow(
                        $0, sources: $0.story.flatMap { sources[$0] },
                        acknowledged: acknowledged.contains($0.alertID))
                }, time: time, color: terminal)
            try footer(review, filter: filter, shown: entries.count, limit: shown)
            return
        }
        let (alerts, corrupt) = try review.alerts(matching: filter, limit: shown)
        for line in corrupt { printError(line.description) }
        let acknowledgements = try review.acknowledgements(of: alerts.map(\.id))
        let sources = json || csv ? [:] : try review.currentSources(ofStories: alerts.map(\.story))
        if json {
            let encoder = AlertLogFormat.makeEncoder()
            for alert in alerts {
                let reviewed = ReviewedAlert(alert: alert, ack: acknowledgements[alert.id])
                print(String(decoding: try encoder.encode(reviewed), as: UTF8.self))
            }
        } else if csv {
            print(AlertCSV.header)
            for alert in alerts { print(AlertCSV.row(alert, ack: acknowledgements[alert.id])) }
        } else if details {
            for alert in alerts {
                print(
                    AlertText.details(
                        alert, sources: sources[alert.story], color: terminal, time: time))
            }
        } else {
            printTable(
                alerts.map {
                    AlertRow(
                        $0, sources: sources[$0.story],
                        acknowledged: acknowledgements[$0.id] != nil)
                }, time: time, color: terminal)
        }
        if !json && !csv { try footer(review, filter: filter, shown: alerts.count, limit: shown) }
        // What was skipped was said on standard error; the status says the answer is incomplete.
        if !corrupt.isEmpty { throw ExitStatus.failures }
    }

    /// The aligned list, fitted to the terminal (or `COLUMNS`); nothing when empty.
    private func printTable(_ rows: [AlertRow], time: DisplayTime, color: Bool) {
        guard !rows.isEmpty else { return }
        let table = AlertTable(
            width: TerminalWidth.ofStandardOutput(), time: time, color: color)
        for line in table.lines(rows) { print(line) }
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

struct AlertsStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by rule, entity, feed, severity and day (days of --tz).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var filters: AlertFilterOptions

    @Flag(help: "The counts as one JSON object.")
    var json = false

    func run() throws {
        let statistics = try openReview(common, checking: filters).statistics(
            matching: filters.filter, daysIn: filters.zone.zone)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        } else {
            print(statistics.text)
        }
    }
}
