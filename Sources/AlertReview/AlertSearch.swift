import AlertLog
import Foundation
import Store

/// Answers the review commands (`feedwatch alerts …`) from the store's index
/// of the log, reading from the log only the lines it shows: the way to
/// stay under a second at a million alerts. Without an index (no state yet,
/// or a log written before it), it reads the log itself.
public struct AlertSearch {
    public let logPath: String
    let index: (any AlertIndexStore)?
    /// The stories, for their current number of sources.
    let stories: (any StoryStore)?
    /// The acknowledgements and evidence copies, when there is a state.
    let annotations: (any AlertAcknowledgementStore & AlertEvidenceStore)?

    /// - Parameter index: the state's alert index, opened for reading (a
    ///   running monitor keeps its lock), or nil when there is no state yet.
    /// - Parameter stories: the state's stories, when there is a state.
    public init(
        logPath: String, index: (any AlertIndexStore)?, stories: (any StoryStore)? = nil,
        annotations: (any AlertAcknowledgementStore & AlertEvidenceStore)? = nil
    ) throws {
        self.logPath = logPath
        self.stories = stories
        self.annotations = annotations
        guard let index else {
            self.index = nil
            return
        }
        let logHasAlerts =
            ((try? FileManager.default.attributesOfItem(atPath: logPath))?[.size] as? Int ?? 0) > 0
        // An empty index beside a non-empty log is an index never built:
        // reading the log is right, if slower (`alerts reindex` builds it).
        self.index = try logHasAlerts && index.alertIndexCount() == 0 ? nil : index
    }

    /// Whether answers come from the index.
    public var usesIndex: Bool { index != nil }

    /// The state's news of alerts as they are committed, when it offers
    /// them (a state shared by a fleet); nil means following the local log.
    public var arrivals: (any AlertArrivals)? { index as? any AlertArrivals }

    /// The alerts matching `filter`, newest first, at most `limit`, and the
    /// lines skipped: corrupt lines of the log, or index entries that do not
    /// point at their alert (a stale index).
    public func alerts(matching filter: AlertFilter, limit: Int?) throws -> (
        alerts: [Alert], corrupt: [AlertLogReader.CorruptLine]
    ) {
        guard let index else {
            let (all, corrupt) = try AlertLogReader(path: logPath).readAll()
            let acknowledged =
                filter.acknowledged == nil ? [] : try annotations?.acknowledgedAlertIDs() ?? []
            let selected = all.reversed().filter { filter.accepts($0, acknowledged: acknowledged) }
            return (limit.map { Array(selected.prefix($0)) } ?? selected, corrupt)
        }
        var alerts: [Alert] = []
        var stale: [AlertLogReader.CorruptLine] = []
        for entry in try index.alerts(matching: filter.indexFilter(limit: limit)) {
            if let alert = try record(of: entry) {
                alerts.append(alert)
            } else {
                // Never a silent gap: an answer missing alerts must say so.
                stale.append(staleEntry(entry))
            }
        }
        return (alerts, stale)
    }

    /// An index entry whose line is not its alert, as a problem to report.
    func staleEntry(_ entry: AlertIndexEntry) -> AlertLogReader.CorruptLine {
        AlertLogReader.CorruptLine(
            path: logFile(named: entry.logFile), line: nil,
            offset: entry.byteOffset,
            reason:
                "the index places alert \(entry.alertID) here, but the line is not that alert; "
                + "`feedwatch alerts reindex` rebuilds the index from the log")
    }

    /// Index entries only: the one-line listing needs nothing more.
    public func entries(matching filter: AlertFilter, limit: Int?) throws -> [AlertIndexEntry]? {
        try index?.alerts(matching: filter.indexFilter(limit: limit))
    }

    /// How many alerts match, ignoring any limit.
    public func count(matching filter: AlertFilter) throws -> Int {
        guard let index else { return try alerts(matching: filter, limit: nil).alerts.count }
        return try index.alertCount(matching: filter.indexFilter(limit: nil))
    }

    /// Counts by rule, entity, feed, severity and day (the calendar days of `zone`).
    public func statistics(matching filter: AlertFilter, daysIn zone: TimeZone = AlertDay.utc)
        throws -> AlertStatistics
    {
        guard let index else {
            return AlertStatistics(try alerts(matching: filter, limit: nil).alerts, daysIn: zone)
        }
        return AlertStatistics(
            try index.alertCounts(matching: filter.indexFilter(limit: nil), daysIn: zone))
    }

    /// The current number of feeds of each story that the state holds (a
    /// story gone from it, or no state, leaves its id out).
    public func currentSources(ofStories ids: [String]) throws -> [String: Int] {
        guard let stories, !ids.isEmpty else { return [:] }
        return Dictionary(
            try stories.stories(ids: ids).map { ($0.id, $0.feeds.count) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Whether an alert has `value` in `field`: the index's answer, or the
    /// log's when there is no index.
    public func knows(_ value: String, in field: AlertIndexField) throws -> Bool {
        guard let index else { return try values(of: field).contains(value) }
        return try index.alertIndexContains(value, in: field)
    }

    /// Every value of `field` among the alerts, sorted.
    public func values(of field: AlertIndexField) throws -> [String] {
        if let index { return try index.alertIndexValues(of: field) }
        var found: Set<String> = []
        for alert in try AlertLogReader(path: logPath).readAll().alerts {
            switch field {
            case .rule: found.insert(alert.rule)
            case .feed: found.insert(alert.feed)
            case .story: found.insert(alert.story)
            case .entity: found.formUnion(alert.entities)
            }
        }
        return found.sorted()
    }

    /// Every acknowledged alert id (few: what people marked by hand).
    public func acknowledgedAlertIDs() throws -> Set<String> {
        try annotations?.acknowledgedAlertIDs() ?? []
    }

    /// The acknowledgements of these alerts, by alert id.
    public func acknowledgements(of alertIDs: [String]) throws -> [String: AlertAcknowledgement] {
        try annotations?.acknowledgements(alertIDs: alertIDs) ?? [:]
    }

    /// What the alert was raised on, as kept with it when it was recorded.
    public func evidence(of alertID: String) throws -> AlertEvidence? {
        try annotations?.evidence(alertID: alertID)
    }

    /// The full record an index entry points to: one seek and one line.
    /// Nil when the line there is not that alert (an index gone stale).
    public func record(of entry: AlertIndexEntry) throws -> Alert? {
        let alert = try AlertLogReader(path: logPath).line(
            in: logFile(named: entry.logFile), at: entry.byteOffset)
        return alert?.id == entry.alertID ? alert : nil
    }

    /// The path of the log's file `name` (an index entry's `logFile`).
    func logFile(named name: String) -> String {
        URL(fileURLWithPath: logPath).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
