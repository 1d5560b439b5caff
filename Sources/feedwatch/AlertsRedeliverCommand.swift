import AlertLog
import AlertReview
import ArgumentParser
import Configuration
import Foundation
import Monitor
import Store
import Webhooks

/// `feedwatch alerts redeliver ID [--sink NAME]`: sends again, to the alert's
/// sinks (or one), the message each sink was sent it in, and at once. An
/// alert that went out with others (the rules that fired on one item, or a
/// sink's digest) is sent again as that whole message, byte for byte: the
/// receiver sees what it saw the first time under the same
/// `Idempotency-Key`, so it can tell a repeat, and never a message of the
/// one alert under a key it has not seen.
struct AlertsRedeliverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Send a logged alert's message to its sinks again (same idempotency key).",
        discussion: """
            Each sink is sent again the message it was sent the alert in, unchanged and \
            under the same Idempotency-Key: for an alert grouped with others on the same \
            item, that message names them all; for a sink with a digest, it is the whole \
            digest. Without --sink the message goes to the sinks it was queued for before; \
            an alert that went only to the log needs --sink, and goes there alone under \
            its own id. What cannot be sent now stays in the outbox and is retried by the \
            monitor. The rules are not read. \
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
            store = try StateOpening.forMonitor(settings.state)
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
        let keys: [String: String]
        do {
            keys = try requeue(alert, to: sinks, in: store, now: now)
        } catch {
            printError("feedwatch: alerts: redeliver \(alert.id): \(error)")
            throw ExitStatus.failures
        }
        let dispatcher = WebhookDispatcher(
            store: store, sinks: configuration.sinks, userAgent: FeedwatchVersion.userAgent)
        let summary = dispatcher.deliver(alertID: alert.id, now: now)
        var allDelivered = true
        for delivery in try store.deliveries(alertID: alert.id)
        where keys[delivery.sink] == delivery.alertID {
            let note = delivery.lastError.map { ": \($0)" } ?? ""
            let message =
                delivery.alertID == alert.id
                ? ""
                : configuration.sink(named: delivery.sink)?.digest != nil
                    ? " (the digest it went out in, Idempotency-Key \(delivery.alertID))"
                    : " (the message it went out in with the other rules on its item,"
                        + " Idempotency-Key \(delivery.alertID))"
            print("\(delivery.sink): \(delivery.status.rawValue)\(message)\(note)")
            allDelivered = allDelivered && delivery.status == .delivered
        }
        for problem in summary.problems where problem.hasPrefix("store:") { printError(problem) }
        if !allDelivered { throw ExitStatus.failures }
    }

    /// Queues again, for each sink, the last message that sink was queued
    /// naming `alert` (its key and bytes unchanged), or, for a sink it was
    /// never queued for, the alert alone under its own id. Returns the key
    /// queued for each sink.
    private func requeue(
        _ alert: Alert, to sinks: [SinkConfiguration], in store: any StateStore, now: Date
    ) throws -> [String: String] {
        let earlier = try store.deliveries(alertID: alert.id)
        let composer = WebhookComposer(sinks: sinks)
        var keys: [String: String] = [:]
        let expiry = now.addingTimeInterval(AlertRecorder.defaultDeliveryExpiry)
        for sink in sinks {
            if let sent = earlier.last(where: { $0.sink == sink.name }) {
                try store.redeliver(
                    NewDelivery(
                        alertID: sent.alertID, sink: sink.name, payload: sent.payload,
                        firstAttempt: now, expiresAt: expiry, alertIDs: [alert.id]))
                keys[sink.name] = sent.alertID
            } else if let payload = try composer.payload(for: [alert], toSink: sink.name) {
                try store.redeliver(
                    NewDelivery(
                        alertID: alert.id, sink: sink.name, payload: payload, firstAttempt: now,
                        expiresAt: expiry))
                keys[sink.name] = alert.id
            }
        }
        return keys
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
                    + " (it was queued for none, its sinks left feeds.conf, or it waits for"
                    + " a digest not sent yet); name one with --sink"
            )
            throw ExitStatus.usage
        }
        return sinks
    }
}
