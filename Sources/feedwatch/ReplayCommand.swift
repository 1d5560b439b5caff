import AlertReview
import ArgumentParser
import FeedModel
import Foundation
import Monitor
import Store

/// `feedwatch replay --since 7d [--rule ID] [--raise [--no-notify]]`: the
/// current rules over archived items, each firing marked new or already
/// alerted; `--raise` raises the new ones as the monitor would have.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the current rules over archived items; mark, or raise, what is new.",
        discussion: """
            Each firing is marked new (no alert records it) or already alerted. Without \
            --raise nothing is logged or sent: this is for checking an edited rule against \
            past news. With --raise the new firings are raised as the monitor raises them: \
            logged and indexed with the same ids a live pass gives them (so raising twice \
            raises nothing more, and a later pass does not alert on them again), placed in \
            stories, kept with their evidence, and sent to their rules' sinks unless \
            --no-notify. --raise takes the state's lock, as a monitor does.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: "How far back: a duration (24h, 7d) or an ISO 8601 date.")
    var since: String = "7d"

    @Option(help: "Only this rule.", completion: IDCompletion.rules)
    var rule: String?

    @Flag(
        help:
            "One JSON object per line per item: the `rules test --json` shape plus feed, first_seen and firings (each rule with its mark)."
    )
    var json = false

    @Flag(help: "Raise the new firings as alerts, through their rules' sinks.")
    var raise = false

    @Flag(name: .customLong("no-notify"), help: "With --raise: log the alerts, send nothing.")
    var noNotify = false

    func validate() throws {
        if TimeExpression.interval(since, zone: .current) == nil {
            throw ValidationError(
                "--since \(since): not a time I can read. Write \(TimeExpression.acceptedForms)")
        }
        if noNotify && !raise {
            throw ValidationError("--no-notify goes with --raise: without it nothing is sent")
        }
    }

    func run() throws {
        let logger = makeLogger(label: "feedwatch.replay", logging)
        let setup = try loadSetup(common, logger: logger)
        if let rule, !setup.rules.rules.contains(where: { $0.id == rule }) {
            printError("feedwatch: replay: no rule with id \(rule) in \(common.rules)")
            throw ExitStatus.usage
        }
        let start = TimeExpression.start(since, zone: .current) ?? Date()
        let replay = RuleReplay(configuration: setup.configuration, rules: setup.rules)
        guard raise else {
            guard let store = try StateOpening.forReview(setup.state) else {
                printError("feedwatch: replay: no state at \(setup.state) yet: poll first")
                throw ExitStatus.failures
            }
            let results = try replay.run(archive: store, since: start, rule: rule, index: store)
            show(results)
            return
        }
        let pass = try openMonitorPass(setup, logger: logger)
        // The index in step with the log first: what counts as new depends on it.
        pass.recoverAfterCrash()
        let results = try replay.run(
            archive: pass.store, since: start, rule: rule, index: pass.store)
        show(results)
        let raised: PipelinePass.ReplayRaise
        do {
            raised = try pass.raise(results, notify: !noNotify)
        } catch {
            printError("feedwatch: replay: raising the new firings: \(error)")
            throw ExitStatus.failures
        }
        for problem in raised.delivery.problems { printError("feedwatch: \(problem)") }
        var line = "feedwatch: replay: raised \(Counted.phrase(raised.raised, "alert"))"
        if raised.folded > 0 {
            line +=
                " and folded \(Counted.phrase(raised.folded, "firing")) into stories their rules had alerted on"
        }
        line +=
            noNotify
            ? "; --no-notify: logged only, sent to no sink"
            : "; \(Counted.phrase(raised.delivery.sent, "message")) sent, \(raised.delivery.pending) waiting"
        printError(line)
    }

    /// Each item with its firings and their marks, and the counts.
    private func show(_ results: [RuleReplay.Result]) {
        let colors = isatty(STDOUT_FILENO) != 0 && !json
        let instant = ISO8601DateFormatter()
        for (number, result) in results.enumerated() {
            if json {
                var line = RulesTestOutput.jsonLine(result.item, hits: result.hits)
                line.removeLast()
                line += ", \"feed\": \(RulesTestOutput.quoted(result.feed))"
                line +=
                    ", \"first_seen\": \(RulesTestOutput.quoted(instant.string(from: result.firstSeen)))"
                let firings = result.hits.map { hit in
                    "{\"rule\": \(RulesTestOutput.quoted(hit.rule)), "
                        + "\"alert\": \(RulesTestOutput.quoted(result.alertID(of: hit))), "
                        + "\"mark\": \(RulesTestOutput.quoted(Self.mark(hit.rule, in: result)))}"
                }
                line += ", \"firings\": [\(firings.joined(separator: ", "))]}"
                print(line)
            } else {
                let marks = result.hits.map { "\($0.rule): \(Self.mark($0.rule, in: result))" }
                print(
                    "\(instant.string(from: result.firstSeen))  \(result.feed)\n"
                        + RulesTestOutput.report(
                            result.item, number: number + 1, hits: result.hits, colors: colors)
                        + "\n   " + marks.joined(separator: "; "))
            }
        }
        if !json, logging.showsSummary {
            let firings = results.map(\.hits.count).reduce(0, +)
            let new = results.map(\.newHits.count).reduce(0, +)
            printError(
                "feedwatch: replay: \(Counted.phrase(results.count, "item")), "
                    + "\(Counted.phrase(firings, "rule firing")) since \(since): "
                    + "\(new) new, \(firings - new) already alerted")
        }
    }

    /// `new`, or `already alerted`.
    private static func mark(_ rule: String, in result: RuleReplay.Result) -> String {
        result.alerted.contains(rule) ? "already alerted" : "new"
    }
}
