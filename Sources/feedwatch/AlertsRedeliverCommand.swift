import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Monitor
import Store
import Webhooks

/// `feedwatch alerts redeliver ID [--sink NAME]`: queues a logged alert
/// again for its sinks (or one) and sends it at once. The receiver sees the
/// same `Idempotency-Key` as the first time, so it can tell a repeat.
struct AlertsRedeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Send a logged alert to its webhook sinks again (same idempotency key).",
        discussion: """
            Without --sink the alert goes to the sinks it was queued for before; \
            an alert that went only to the log needs --sink. What cannot be sent now \
            stays in the outbox and is retried by the monitor. The rules are not read. \
            Exit status: 0 when every sink accepted it, 1 otherwise.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The alert id (or a unique prefix of it).")
    var id: String

    @Option(help: "Send only to this sink.")
    var sink: String?

    func run() throws {
        let reading = try readConfiguration(common)
        let settings: MonitorSection
        do {
            settings = try reading.configuration(needing: .alertLog).settings
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let alert = try findAlert(settings: settings)
        guard alert.kind.isRaised else {
            printError(
                "feedwatch: alerts redeliver: \(alert.id) is a report folded into story \(alert.story), raised to no sink; its story's alert is in feedwatch stories show \(alert.story)"
            )
            throw ExitStatus.failures
        }
        let store: any StateStore
        do {
            store = try StateOpening.forMonitor(path: settings.statePath)
        } catch {
            printError("\(error)")
            if case .locked = error { throw ExitStatus.locked }
            throw ExitStatus.failures
        }
        let names = try sinkNames(for: alert, store: store)
        // The sinks it goes to must read cleanly; the rest of feeds.conf is a warning at most.
        let needs = ConfigurationNeeds.alertLog + .sinks(names)
        let configuration = try reading.checked(needs, command: "alerts redeliver", common)
        let sinks = try chooseSinks(names, for: alert, in: configuration)
        let now = Date()
        // The alert alone, under its own id: a message that named it with
        // other rules keeps its own key and history.
        let composer = WebhookComposer(sinks: sinks)
        do {
            for sink in sinks {
                guard let payload = try composer.payload(for: [alert], toSink: sink.name) else {
                    continue
                }
                try store.redeliver(
                    NewDelivery(
                        alertID: alert.id, sink: sink.name, payload: payload,
                        firstAttempt: now,
                        expiresAt: now.addingTimeInterval(AlertRecorder.defaultDeliveryExpiry)))
            }
        } catch {
            printError("feedwatch: alerts: redeliver \(alert.id): \(error)")
            throw ExitStatus.failures
        }
        let dispatcher = WebhookDispatcher(
            store: store, sinks: configuration.sinks, userAgent: FeedwatchVersion.userAgent)
        let summary = dispatcher.deliver(alertID: alert.id, now: now)
        let chosen = Set(sinks.map(\.name))
        var allDelivered = true
        for delivery in try store.deliveries(alertID: alert.id) where chosen.contains(delivery.sink)
        {
            let note = delivery.lastError.map { ": \($0)" } ?? ""
            print("\(delivery.sink): \(delivery.status.rawValue)\(note)")
            allDelivered = allDelivered && delivery.status == .delivered
        }
        for problem in summary.problems where problem.hasPrefix("store:") { printError(problem) }
        if !allDelivered { throw ExitStatus.failures }
    }

    /// The alert whose id is, or starts with, `id`, found through the review index.
    private func findAlert(settings: MonitorSection) throws -> Alert {
        do {
            return try uniqueAlert(startingWith: id, in: openReview(settings))
        } catch let status as ExitCode {
            throw status
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
    }

    /// The `--sink`, or the sinks the alert was queued for.
    private func sinkNames(for alert: Alert, store: any DeliveryOutbox) throws -> [String] {
        if let sink { return [sink] }
        return try store.deliveries(alertID: alert.id).map(\.sink)
    }

    /// The sinks of `names` that feeds.conf defines: `--sink` must be one, and
    /// of the queued sinks those removed since are left out.
    private func chooseSinks(
        _ names: [String], for alert: Alert, in configuration: ConfigurationFile
    ) throws -> [SinkConfiguration] {
        if let sink {
            guard let named = configuration.sink(named: sink) else {
                printError(
                    "feedwatch: alerts: no webhook sink '\(sink)' in \(common.config)"
                        + " (defined: \(configuration.sinks.map(\.name).joined(separator: ", ")))")
                throw ExitStatus.usage
            }
            return [named]
        }
        let sinks = names.compactMap(configuration.sink(named:))
        guard !sinks.isEmpty else {
            printError(
                "feedwatch: alerts: alert \(alert.id) has no webhook sink to go to"
                    + " (it was queued for none, or its sinks left feeds.conf); name one with --sink"
            )
            throw ExitStatus.usage
        }
        return sinks
    }
}
