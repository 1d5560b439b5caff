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
    /// The rules by id, whose title and `match` each alert's evidence keeps.
    let rules: [String: RuleSummary]
    /// Where the mutes in force are read, at each recording; nil mutes nothing.
    let mutes: (any MuteStore)?

    public init(
        log: AlertLogWriter, store: any AlertIndexStore & PassCommitStore,
        composer: any DeliveryComposer,
        deliveryExpiry: TimeInterval = AlertRecorder.defaultDeliveryExpiry,
        rules: [RuleSummary] = [], mutes: (any MuteStore)? = nil
    ) {
        self.log = log
        self.store = store
        self.composer = composer
        self.deliveryExpiry = deliveryExpiry
        self.rules = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.mutes = mutes
    }

    /// The sink name that means the alert log itself, which every alert goes to.
    public static let logSinkName = "log"

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
    ///
    /// An alert a mute in force holds back is logged marked `muted` and queued
    /// for no sink. Returns the alerts as logged.
    ///
    /// `recordedBefore` are alerts made again from items of this commit that
    /// were recorded before: an alert recovered from the log after an
    /// interrupted pass has no evidence copy until its item is read again,
    /// which is now (one that has a copy keeps it). `readItems` are items
    /// the alerts were made from that the commit does not mark seen (a
    /// replay's archived items), for the evidence copies.
    @discardableResult
    public func record(
        _ notified: [Notified], with commit: PassCommit, now: Date = Date(),
        recordedBefore: [Alert] = [], readItems: [Item] = []
    ) throws -> [Alert] {
        var commit = commit
        let items = commit.seenItems.map(\.item) + readItems
        let readNow = Set(items.map(\.id))
        commit.evidence += evidence(
            for: recordedBefore.filter { readNow.contains($0.item.id) }, items: items)
        let notified = try applyingMutes(to: notified, now: now)
        if !notified.isEmpty {
            // Composed before the append: a body that cannot be made leaves nothing half-written.
            let messages = try messages(for: notified, now: now)
            commit.deliveries += messages.deliveries
            commit.digestEntries += messages.digestEntries
            let appended = try log.append(notified.map(\.alert))
            commit.alertIndexEntries += zip(notified, appended.positions).map {
                AlertIndexEntry($0.alert, at: $1)
            }
            commit.logRename = appended.rotation.map { LogFileRename(from: $0.from, to: $0.to) }
            commit.evidence += evidence(for: notified.map(\.alert), items: items)
        }
        try store.commit(commit)
        return notified.map(\.alert)
    }

    /// Marks muted, and takes the sinks from, the alerts a mute in force at `now` holds back.
    private func applyingMutes(to notified: [Notified], now: Date) throws -> [Notified] {
        guard let mutes,
            notified.contains(where: { $0.sinks.contains { $0 != Self.logSinkName } })
        else { return notified }
        let active = try mutes.activeMutes(now: now)
        guard !active.isEmpty else { return notified }
        return notified.map { entry in
            guard entry.sinks.contains(where: { $0 != Self.logSinkName }),
                active.contains(where: { $0.target.holdsBack(entry.alert) })
            else { return entry }
            var muted = entry
            muted.alert.muted = true
            muted.sinks = []
            return muted
        }
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

    /// The evidence copy of each alert: its rule as written, and the text
    /// of its item when the commit carries the item (as a feed's turn does;
    /// a feed-health alert has no item, and keeps its rule alone if any).
    func evidence(for alerts: [Alert], items: [Item]) -> [AlertEvidence] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        return evidence(for: alerts) { byID[$0.item.id] }
    }

    /// The evidence copy of each alert, with the text of the item `item` gives.
    func evidence(for alerts: [Alert], item itemOf: (Alert) -> Item?) -> [AlertEvidence] {
        alerts.compactMap { alert in
            let rule = rules[alert.rule]
            let item = itemOf(alert)
            guard rule != nil || item != nil else { return nil }
            let text = item.map(\.matchedText) ?? ItemText(title: alert.item.title ?? "")
            return AlertEvidence(
                alertID: alert.id, ruleTitle: rule?.title, ruleMatch: rule?.match,
                title: text.title, summary: text.summary, content: text.content)
        }
    }

    /// One message per item and sink: queued now, or held for the sink's digest.
    func messages(for notified: [Notified], now: Date) throws -> (
        deliveries: [NewDelivery], digestEntries: [NewDigestEntry]
    ) {
        var sinkOrder: [String] = []
        var alertsOfSink: [String: [Alert]] = [:]
        for entry in notified {
            for name in entry.sinks where name != Self.logSinkName {
                if alertsOfSink[name] == nil { sinkOrder.append(name) }
                alertsOfSink[name, default: []].append(entry.alert)
            }
        }
        var deliveries: [NewDelivery] = []
        var digestEntries: [NewDigestEntry] = []
        for name in sinkOrder {
            for message in AlertMessage.group(alertsOfSink[name] ?? []) {
                let alertIDs = message.alerts.map(\.id)
                if let period = composer.digestPeriod(ofSink: name) {
                    digestEntries.append(
                        NewDigestEntry(
                            messageKey: message.key, sink: name, alertIDs: alertIDs,
                            due: DigestPeriod.end(containing: now, period: period),
                            content: try AlertLogFormat.makeEncoder().encode(message.alerts),
                            createdAt: now))
                    continue
                }
                guard let payload = try composer.payload(for: message.alerts, toSink: name) else {
                    continue
                }
                deliveries.append(
                    NewDelivery(
                        alertID: message.key, sink: name, payload: payload, firstAttempt: now,
                        expiresAt: now.addingTimeInterval(deliveryExpiry), alertIDs: alertIDs))
            }
        }
        return (deliveries, digestEntries)
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
                .joined(separator: "\n").lowercased(), kind: alert.kind.rawValue,
            itemID: alert.item.id, published: alert.item.published)
    }
}

extension Item {
    /// The text the rules read: the plain text, each field the parser left
    /// empty falling back to the field as published (as `RuleSet` does).
    var matchedText: ItemText {
        var text = self.text
        if text.title.isEmpty, let title { text.title = title }
        if text.summary.isEmpty, let summary { text.summary = summary }
        if text.content.isEmpty, let content { text.content = content }
        return text
    }
}
