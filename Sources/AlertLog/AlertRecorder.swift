import FeedModel
import Foundation
import RuleEngine
import Store

/// The one place alerts become durable, in the order the promises need: the
/// log lines on disk (fsynced) first; then one `PassCommit` that adds the
/// alerts' index entries and webhook deliveries to what the caller stores
/// with them (the items marked seen, stories, feed states). A crash between
/// the two leaves alerts in the log that the store lacks, which `catchUp`
/// repairs at the next start (see `AlertRecorder+CatchUp.swift`): nothing
/// lost, nothing twice.
public final class AlertRecorder {
    /// A delivery not made within this time is given up as dead.
    public static let defaultDeliveryExpiry: TimeInterval = 24 * 3600

    /// The log it appends to.
    public let log: AlertLogWriter
    /// The index that says what is recorded, and the commit that records it.
    let store: any AlertIndexStore & PassCommitStore
    /// What each sink of an alert is sent: the webhooks' `WebhookComposer`, or `NoDeliveries`.
    let composer: any DeliveryComposer
    /// How long a delivery may be tried; an alert older than this is never queued.
    let deliveryExpiry: TimeInterval

    public init(
        log: AlertLogWriter, store: any AlertIndexStore & PassCommitStore,
        composer: any DeliveryComposer,
        deliveryExpiry: TimeInterval = AlertRecorder.defaultDeliveryExpiry
    ) {
        self.log = log
        self.store = store
        self.composer = composer
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

    /// Which of these alert ids were already written: the guard that keeps a
    /// changed item or a replayed pass from alerting twice, asked once for
    /// all of a feed's candidate alerts.
    public func recordedAlertIDs(among alertIDs: [String]) throws(StoreError) -> Set<String> {
        guard !alertIDs.isEmpty else { return [] }
        return try store.recordedAlertIDs(among: alertIDs)
    }

    /// Logs the alerts, then stores `commit` with their index entries and
    /// deliveries added, in one transaction. With no alerts, it stores
    /// `commit` alone.
    public func record(_ notified: [Notified], with commit: PassCommit, now: Date = Date()) throws {
        var commit = commit
        if !notified.isEmpty {
            // Composed before the append: a body that cannot be made leaves nothing half-written.
            commit.deliveries += try deliveries(for: notified, now: now)
            let appended = try log.append(notified.map(\.alert))
            commit.alertIndexEntries += zip(notified, appended.positions).map {
                AlertIndexEntry($0.alert, at: $1)
            }
            commit.logRename = appended.rotation.map { LogFileRename(from: $0.from, to: $0.to) }
        }
        try store.commit(commit)
    }

    /// Rebuilds the index from every file of the log. Returns the alerts indexed
    /// and the lines skipped as corrupt. Queues no delivery: a rebuilt index
    /// says where alerts are, and sends none of them again.
    @discardableResult
    public func reindex() throws -> (indexed: Int, corrupt: [AlertLogReader.CorruptLine]) {
        try store.clearAlertIndex()
        let reader = AlertLogReader(path: log.path)
        var indexed = 0
        var corrupt: [AlertLogReader.CorruptLine] = []
        for file in AlertLogFiles(path: log.path).chronological() {
            let lines = try reader.readWithPositions(file: file, startingAt: 0)
            try store.indexAlerts(lines.alerts.map { AlertIndexEntry($0.alert, at: $0.position) })
            indexed += lines.alerts.count
            corrupt += lines.corrupt
        }
        return (indexed, corrupt)
    }

    func deliveries(for notified: [Notified], now: Date) throws -> [NewDelivery] {
        var result: [NewDelivery] = []
        for entry in notified {
            for name in entry.sinks {
                guard let payload = try composer.payload(for: entry.alert, toSink: name) else {
                    continue
                }
                result.append(
                    NewDelivery(
                        alertID: entry.alert.id, sink: name, payload: payload, firstAttempt: now,
                        expiresAt: now.addingTimeInterval(deliveryExpiry)))
            }
        }
        return result
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
            byteOffset: position.offset, entities: alert.entities,
            searchText: ([alert.item.title ?? "", alert.snippet] + alert.matches.map(\.text))
                .joined(separator: "\n").lowercased(), kind: alert.kind.rawValue)
    }
}
