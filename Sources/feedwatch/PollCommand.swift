import AlertReview
import ArgumentParser
import Foundation
import Logging
import Monitor
import Store

/// `feedwatch poll`: one pass over the due feeds, for cron or a systemd timer.
struct PollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Poll the feeds that are due once, alert, and exit.",
        discussion: """
            Exit status: 0 when every feed was polled, 1 when some feeds failed, \
            65 when feeds.conf or the rules are wrong.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Poll every feed, due or not.")
    var all = false

    @Flag(
        help:
            "Alert on the items a feed already holds when first polled, instead of recording them silently."
    )
    var backfill = false

    @Flag(help: "Print each alert as it is written.")
    var show = false

    func run() throws {
        let logger = makeLogger(label: "feedwatch.poll", logging)
        let setup = try loadSetup(common, logger: logger)
        let pass = try openMonitorPass(setup, logger: logger) { alert in
            if show { StandardOutput.writeLine(AlertText.line(alert)) }
        }
        let progress = ProgressLine(enabled: logging.showsSummary)
        pass.onProgress = progress.update
        pass.recoverAfterCrash()
        let summary = pass.run(options: PipelinePass.Options(all: all, backfill: backfill))
        progress.finish()
        // Each failed feed was logged as it failed; the summary counts them.
        for problem in summary.problems { printError("feedwatch: \(problem)") }
        if logging.showsSummary { printError("feedwatch: poll: \(summary.line)") }
        applyRetentionIfDue(setup, store: pass.store, reporting: logging.showsSummary)
        if summary.hasFailures { throw ExitStatus.failures }
    }

    /// Retention, when a day has passed since it last ran (its time is kept in the state).
    private func applyRetentionIfDue(
        _ setup: ConfigurationAndRules, store: any StateStore, reporting: Bool
    ) {
        let retention = StateRetention(settings: setup.configuration.settings)
        do {
            if let result = try retention.applyIfDue(to: store, now: Date()), result.total > 0,
                reporting
            {
                printError("feedwatch: poll: \(retention.summary(of: result))")
            }
        } catch {
            printError("feedwatch: poll: retention: \(error)")
        }
    }
}
