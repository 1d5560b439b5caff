import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import FeedModel
import Foundation
import Store

/// `feedwatch alerts follow`: new alerts as they are written, like `tail -f`.
struct AlertsFollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow", abstract: "Print alerts as they are written (Ctrl-C to stop).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var filters: AlertFilterOptions

    @Option(help: "Show this many recent alerts first.")
    var last = 10

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() throws {
        let configuration = try loadConfiguration(common, needing: .alertLog, command: "alerts")
        let settings = configuration.settings
        let review = try openReview(settings)
        try filters.checkKnownValues(in: review, feeds: configuredFeedNames(configuration))
        let filter = filters.filter
        let time = filters.zone.time
        let color = isatty(STDOUT_FILENO) != 0
        let encoder = AlertLogFormat.makeEncoder()
        // The same record as `alerts --json`, acknowledgement included: the
        // recent alerts may have been acknowledged; one just written has not.
        let show = { (alert: Alert, ack: AlertAcknowledgement?) in
            guard filter.accepts(alert) else { return }
            // Written unbuffered, so that a pipe (`| grep`) sees each alert at once.
            var line =
                json
                ? (try? encoder.encode(ReviewedAlert(alert: alert, ack: ack))) ?? Data()
                : Data(AlertText.details(alert, color: color, time: time).utf8)
            line.append(0x0A)
            FileHandle.standardOutput.write(line)
        }
        // Listening starts before the recent alerts are read: none falls between.
        let arrivals = review.arrivals
        try arrivals?.listenForAlerts()
        let recent = try review.alerts(matching: filter, limit: max(last, 0)).alerts
        let acknowledgements = try review.acknowledgements(of: recent.map(\.id))
        for alert in recent.reversed() { show(alert, acknowledgements[alert.id]) }
        if let arrivals {
            try follow(arrivals, review: review, shown: Set(recent.map(\.id)), show: show)
        }
        var follower = AlertLogFollower(path: settings.alertLogPath)
        while true {
            for alert in try follower.newAlerts() { show(alert, nil) }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// Alerts as the shared state tells of their commits, from any monitor
    /// of the fleet; each record is read from the local log, where the
    /// monitor that raised it wrote it when it runs on this host.
    private func follow(
        _ arrivals: any AlertArrivals, review: AlertSearch, shown: Set<String>,
        show: (Alert, AlertAcknowledgement?) -> Void
    ) throws -> Never {
        var shown = shown
        while true {
            for entry in try arrivals.arrivedAlerts(waitingUpTo: 60)
            where shown.insert(entry.alertID).inserted {
                if let alert = try review.record(of: entry) {
                    show(alert, nil)
                } else {
                    printError(
                        "feedwatch: alerts follow: alert \(entry.alertID) (\(entry.rule), feed \(entry.feed)) was logged by a monitor on another host: its record is in that host's \(entry.logFile)"
                    )
                }
            }
        }
    }
}

/// `feedwatch alerts reindex`: rebuilds the store's index of the log.
struct AlertsReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the index of the alert log that the review commands read.",
        discussion: """
            The monitor keeps the index itself (and repairs it at start after a crash); this is \
            for a missing or damaged state file. It needs the state unlocked: stop the monitor first. \
            A PostgreSQL state's index holds the alerts of every monitor of the fleet, and one \
            host's log only its own: it is not rebuilt from here.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        let settings = try loadConfiguration(common, needing: .alertLog, command: "alerts reindex")
            .settings
        if settings.state.isShared {
            printError(
                "feedwatch: alerts reindex: \(settings.state) is shared by a fleet of monitors, and its index holds the alerts of each; \(settings.alertLogPath) holds this host's alone, so the index is not rebuilt from it"
            )
            throw ExitStatus.failures
        }
        do {
            let store = try StateOpening.forMonitor(settings.state)
            let log = try AlertLogWriter(path: settings.alertLogPath)
            if let torn = log.setAsideTail { printError("feedwatch: \(torn)") }
            // Reindexing rebuilds the index alone: it never queues a delivery.
            let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
            let (indexed, corrupt) = try recorder.reindex()
            for line in corrupt { printError(line.description) }
            print(
                "indexed \(Counted.phrase(indexed, "alert")) from \(settings.alertLogPath) and its rotated files"
            )
        } catch let error as StoreError {
            printError("\(error)")
            if case .locked = error { throw ExitStatus.locked }
            throw ExitStatus.failures
        }
    }
}
