import AlertReview
import ArgumentParser
import FeedModel
import Foundation
import Monitor
import Store

/// `feedwatch replay --since 7d [--rule ID]`: the current rules over archived items.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the current rules over archived items and show what would have fired.",
        discussion:
            "Nothing is logged or sent: this is for checking an edited rule against past news.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "How far back: a duration (24h, 7d) or an ISO 8601 date.")
    var since: String = "7d"

    @Option(help: "Only this rule.", completion: IDCompletion.rules)
    var rule: String?

    @Flag(
        help:
            "One JSON object per line per item: the `rules test --json` shape plus feed and first_seen."
    )
    var json = false

    func validate() throws {
        if TimeExpression.interval(since, zone: .current) == nil {
            throw ValidationError(
                "--since \(since): not a time I can read. Write \(TimeExpression.acceptedForms)")
        }
    }

    func run() throws {
        let setup = try loadSetup(common, logger: makeLogger(label: "feedwatch.replay", logging))
        if let rule, !setup.rules.rules.contains(where: { $0.id == rule }) {
            printError("feedwatch: replay: no rule with id \(rule) in \(common.rules)")
            throw ExitStatus.usage
        }
        guard let store = try StateOpening.forReview(path: setup.statePath) else {
            printError("feedwatch: replay: no state at \(setup.statePath) yet: poll first")
            throw ExitStatus.failures
        }
        let results = try RuleReplay(configuration: setup.configuration, rules: setup.rules)
            .run(
                archive: store, since: TimeExpression.start(since, zone: .current) ?? Date(),
                rule: rule)
        let colors = isatty(STDOUT_FILENO) != 0 && !json
        let instant = ISO8601DateFormatter()
        for (number, result) in results.enumerated() {
            if json {
                var line = RulesTestOutput.jsonLine(result.item, hits: result.hits)
                line.removeLast()
                line += ", \"feed\": \(RulesTestOutput.quoted(result.feed))"
                line +=
                    ", \"first_seen\": \(RulesTestOutput.quoted(instant.string(from: result.firstSeen)))}"
                print(line)
            } else {
                print(
                    "\(instant.string(from: result.firstSeen))  \(result.feed)\n"
                        + RulesTestOutput.report(
                            result.item, number: number + 1, hits: result.hits, colors: colors))
            }
        }
        if !json, logging.showsSummary {
            let firings = results.map(\.hits.count).reduce(0, +)
            printError(
                "feedwatch: replay: \(Counted.phrase(results.count, "item")), \(Counted.phrase(firings, "rule firing")) since \(since)"
            )
        }
    }
}
