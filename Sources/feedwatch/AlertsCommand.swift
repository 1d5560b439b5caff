import Alerting
import ArgumentParser
import Foundation
import Monitor

/// `feedwatch alerts [list|show|stats|follow]`: reviewing the alert log.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Review the alert log.",
        subcommands: [
            AlertsListCommand.self, AlertsShowCommand.self, AlertsStatsCommand.self,
            AlertsRedeliverCommand.self,
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
        AlertFilter(
            since: since.flatMap { RelativeTime.parse($0) },
            until: until.flatMap { RelativeTime.parse($0) },
            rule: rule, entity: entity, severity: severity.flatMap(SeverityFilter.init), feed: feed,
            story: story, grep: grep)
    }
}

/// Reads the whole log (across rotated files), reporting corrupt lines on standard error.
func readAlertLog(_ common: CommonOptions) throws -> [Alert] {
    let setup = try loadSetup(common)
    let (alerts, corrupt) = try AlertLogReader(path: setup.alertLogPath).readAll()
    for line in corrupt { printError(line.description) }
    return alerts
}

struct AlertsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The alerts, newest first (the default).")

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
        let filter = filters.filter
        var selected = try readAlertLog(common).reversed().filter(filter.accepts)
        if let limit { selected = Array(selected.prefix(limit)) }
        let color = isatty(STDOUT_FILENO) != 0
        let encoder = AlertLog.makeEncoder()
        if csv { print(AlertCSV.header) }
        for alert in selected {
            if json {
                print(String(decoding: try encoder.encode(alert), as: UTF8.self))
            } else if csv {
                print(AlertCSV.row(alert))
            } else {
                print(
                    details
                        ? AlertText.details(alert, color: color)
                        : AlertText.line(alert, color: color))
            }
        }
    }
}

struct AlertsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One alert, whole, with the matched text highlighted.")

    @OptionGroup var common: CommonOptions

    @Argument(help: "The alert id (or a unique prefix of it).")
    var id: String

    @Flag(help: "The record as JSON.")
    var json = false

    func run() throws {
        let matching = try readAlertLog(common).filter { $0.id.hasPrefix(id) }
        guard let alert = matching.last else {
            printError("feedwatch: alerts: no alert with id \(id)")
            throw ExitStatus.failures
        }
        if Set(matching.map(\.id)).count > 1 {
            printError("feedwatch: alerts: \(id) is the start of several ids; give more of it")
            throw ExitStatus.usage
        }
        if json {
            let encoder = AlertLog.makeEncoder()
            encoder.outputFormatting.insert(.prettyPrinted)
            print(String(decoding: try encoder.encode(alert), as: UTF8.self))
        } else {
            print(AlertText.details(alert, color: isatty(STDOUT_FILENO) != 0))
        }
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
        let filter = filters.filter
        let statistics = AlertStatistics(try readAlertLog(common).filter(filter.accepts))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
        } else {
            print(statistics.text)
        }
    }
}
