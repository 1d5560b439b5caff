import Configuration
import Foundation
import RuleEngine
import Store

/// The one place alerts become durable, in the order the promises need:
/// the log line on disk (fsynced) first, then the index entry and the webhook
/// deliveries in the store. The caller marks the item seen only after this.
public final class AlertRecorder {
    /// A delivery not made within this time is given up as dead.
    public static let defaultDeliveryExpiry: TimeInterval = 24 * 3600

    let log: AlertLog
    let store: StateStore
    let sinks: [String: SinkConfiguration]
    let deliveryExpiry: TimeInterval

    public init(
        log: AlertLog, store: StateStore, sinks: [SinkConfiguration],
        deliveryExpiry: TimeInterval = AlertRecorder.defaultDeliveryExpiry
    ) {
        self.log = log
        self.store = store
        self.sinks = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.deliveryExpiry = deliveryExpiry
    }

    /// An alert with the sinks its rule notifies (`log` is the log itself).
    public struct Notified: Sendable {
        public var alert: Alert
        public var sinks: [String]

        public init(alert: Alert, sinks: [String]) {
            self.alert = alert
            self.sinks = sinks
        }
    }

    /// Whether an alert with this id was already written: the guard that keeps
    /// a changed item or a replayed pass from alerting twice.
    public func isRecorded(_ alertID: String) throws(StoreError) -> Bool {
        try store.alertIndexEntry(alertID: alertID) != nil
    }

    /// Writes the alerts to the log, indexes them, and queues their webhook deliveries.
    public func record(_ notified: [Notified], now: Date = Date()) throws {
        guard !notified.isEmpty else { return }
        let appended = try log.append(notified.map(\.alert))
        try store.indexAlerts(
            zip(notified, appended.positions).map { AlertIndexEntry($0.alert, at: $1) })
        if let rotation = appended.rotation {
            try store.moveAlertIndexEntries(fromLogFile: rotation.from, toLogFile: rotation.to)
        }
        for entry in notified {
            for name in entry.sinks where name != MonitorConfiguration.logSinkName {
                // Rules are validated against the sinks at load; one missing
                // here means the configuration changed under a running pass.
                guard let sink = sinks[name] else { continue }
                _ = try store.enqueueDelivery(
                    NewDelivery(
                        alertID: entry.alert.id, sink: name,
                        payload: try WebhookPayload.body(for: entry.alert, format: sink.format),
                        firstAttempt: now, expiresAt: now.addingTimeInterval(deliveryExpiry)))
            }
        }
    }

    /// Indexes the lines of the live log that a crash left unindexed (written
    /// and fsynced, but the process died before the store was updated), so
    /// that their items, not yet marked seen, do not alert a second time.
    /// Returns how many lines were indexed.
    @discardableResult
    public func catchUpIndex() throws -> Int {
        let file = URL(fileURLWithPath: log.path).lastPathComponent
        let start = try store.lastIndexedOffset(inLogFile: file)
        let lines = try AlertLogReader(path: log.path).readWithPositions(
            file: log.path, after: start)
        try store.indexAlerts(lines.alerts.map { AlertIndexEntry($0.alert, at: $0.position) })
        return lines.alerts.count
    }
}

extension AlertIndexEntry {
    /// The index entry of an alert written at `position`.
    public init(_ alert: Alert, at position: AlertLogPosition) {
        self.init(
            alertID: alert.id, time: alert.time, rule: alert.rule,
            severity: alert.severity.rawValue,
            severityRank: Severity.allCases.firstIndex(of: alert.severity) ?? 0, feed: alert.feed,
            story: alert.story, title: alert.item.title, logFile: position.file,
            byteOffset: position.offset)
    }
}
