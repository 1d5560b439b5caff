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
            Without --sink the alert goes to the sinks it was queued for before, \
            or else to the sinks its rule notifies now. What cannot be sent now \
            stays in the outbox and is retried by the monitor. \
            Exit status: 0 when every sink accepted it, 1 otherwise.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The alert id (or a unique prefix of it).")
    var id: String

    @Option(help: "Send only to this sink.")
    var sink: String?

    func run() throws {
        let setup = try loadSetup(common)
        let alert = try findAlert(setup: setup)
        guard alert.kind.isRaised else {
            printError(
                "feedwatch: alerts redeliver: \(alert.id) is a report folded into story \(alert.story), raised to no sink; its story's alert is in feedwatch stories show \(alert.story)"
            )
            throw ExitStatus.failures
        }
        let store: any StateStore
        do {
            store = try StateOpening.forMonitor(path: setup.statePath)
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
        let sinks = try chooseSinks(for: alert, setup: setup, store: store)
        let now = Date()
        do {
            for sink in sinks {
                try store.redeliver(
                    NewDelivery(
                        alertID: alert.id, sink: sink.name,
                        payload: try WebhookPayload.body(for: alert, format: sink.format),
                        firstAttempt: now,
                        expiresAt: now.addingTimeInterval(AlertRecorder.defaultDeliveryExpiry)))
            }
        } catch {
            printError("feedwatch: alerts: redeliver \(alert.id): \(error)")
            throw ExitStatus.failures
        }
        let dispatcher = WebhookDispatcher(
            store: store, sinks: setup.configuration.sinks, userAgent: FeedwatchVersion.userAgent)
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
    private func findAlert(setup: ConfigurationAndRules) throws -> Alert {
        do {
            return try uniqueAlert(
                startingWith: id,
                in: AlertSearch(
                    logPath: setup.alertLogPath,
                    index: try StateOpening.forReview(path: setup.statePath)))
        } catch let status as ExitCode {
            throw status
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
    }

    /// The `--sink`, or the sinks the alert was queued for, or its rule's sinks now.
    private func chooseSinks(
        for alert: Alert, setup: ConfigurationAndRules, store: any DeliveryOutbox
    )
        throws
        -> [SinkConfiguration]
    {
        let configuration = setup.configuration
        if let sink {
            guard let named = configuration.sink(named: sink) else {
                printError(
                    "feedwatch: alerts: no webhook sink '\(sink)' in \(common.config)"
                        + " (defined: \(configuration.sinks.map(\.name).joined(separator: ", ")))")
                throw ExitStatus.usage
            }
            return [named]
        }
        var names = try store.deliveries(alertID: alert.id).map(\.sink)
        if names.isEmpty {
            names = setup.rules.rules.first { $0.id == alert.rule }?.notify ?? []
        }
        let sinks = names.compactMap(configuration.sink(named:))
        guard !sinks.isEmpty else {
            printError(
                "feedwatch: alerts: alert \(alert.id) has no webhook sink to go to"
                    + " (its rule notifies only the log, or its sinks left feeds.conf); name one with --sink"
            )
            throw ExitStatus.usage
        }
        return sinks
    }
}
