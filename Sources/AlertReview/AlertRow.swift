import AlertLog
import Foundation
import RuleEngine
import Store

/// One alert as a row of the `alerts` list, made from its index entry or
/// its record.
public struct AlertRow: Sendable, Equatable {
    public var id: String
    public var kind: AlertKind
    public var severity: Severity
    public var rule: String
    public var feed: String
    /// The item within its feed; rows of one item in one pass share it.
    public var itemID: String?
    public var published: Date?
    /// When the monitor recorded the alert.
    public var detected: Date
    public var title: String
    /// The story's current number of feeds.
    public var sources: Int
    public var acknowledged: Bool

    public init(_ entry: AlertIndexEntry, sources: Int?, acknowledged: Bool) {
        id = entry.alertID
        kind = AlertKind(rawValue: entry.kind) ?? .alert
        severity = Severity(rawValue: entry.severity) ?? .info
        rule = entry.rule
        feed = entry.feed
        itemID = entry.itemID
        published = entry.published
        detected = entry.time
        title = entry.title ?? entry.alertID
        self.sources = sources ?? 1
        self.acknowledged = acknowledged
    }

    public init(_ alert: Alert, sources: Int?, acknowledged: Bool) {
        id = alert.id
        kind = alert.kind
        severity = alert.severity
        rule = alert.rule
        feed = alert.feed
        itemID = alert.item.id
        published = alert.item.published
        detected = alert.time
        title = alert.item.title ?? alert.item.id
        self.sources = sources ?? alert.sources
        self.acknowledged = acknowledged
    }

    /// Whether `other` fired on the same item in the same pass.
    func sharesItem(with other: AlertRow) -> Bool {
        guard let itemID, other.itemID == itemID else { return false }
        return feed == other.feed && detected == other.detected
    }
}
