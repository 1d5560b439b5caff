import Alerting
import ArgumentParser
import Foundation
import Monitor

/// `feedwatch alerts`: the alert log, newest first.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Review the alert log, newest first.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Only alerts of this rule.")
    var rule: String?

    @Option(help: "At most this many alerts.")
    var limit: Int?

    @Flag(help: "One JSON object per line, as in the log.")
    var json = false

    @Flag(help: "Show the matched text and the snippet of each alert.")
    var details = false

    func run() throws {
        let setup = try loadSetup(common)
        let reader = AlertLogReader(path: setup.alertLogPath)
        let (alerts, corrupt) = try reader.readAll()
        for line in corrupt { printError(line.description) }
        var selected = alerts.reversed().filter { rule == nil || $0.rule == rule }
        if let limit { selected = Array(selected.prefix(limit)) }
        let color = isatty(STDOUT_FILENO) != 0
        let encoder = AlertLog.makeEncoder()
        for alert in selected {
            if json {
                print(String(decoding: try encoder.encode(alert), as: UTF8.self))
            } else {
                print(details ? AlertText.details(alert, color: color) : AlertText.line(alert, color: color))
            }
        }
    }
}
