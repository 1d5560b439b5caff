import AlertReview
import ArgumentParser
import Foundation
import Monitor
import Store

/// `feedwatch run`: the long-running monitor.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Monitor the feeds until stopped (SIGHUP reloads, SIGINT/SIGTERM stop cleanly).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Alert on the items a feed already holds when first polled.")
    var backfill = false

    @Flag(help: "Print each alert as it is written.")
    var show = false

    func run() throws {
        let logger = makeLogger(label: "feedwatch.run", logging)
        let setup = try loadSetup(common, logger: logger)
        let (store, alertLog) = try openMonitorState(setup)
        let show = self.show
        let service = MonitorService(
            configPath: common.config, rulesDirectory: common.rulesDirectory,
            userAgent: FeedwatchVersion.userAgent, programVersion: FeedwatchVersion.build,
            logger: logger,
            onAlert: { alert in
                if show { StandardOutput.writeLine(AlertText.line(alert)) }
            })
        service.run(setup: setup, store: store, alertLog: alertLog, backfill: backfill)
    }
}
