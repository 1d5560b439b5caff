import AlertLog
import FeedModel
import Foundation
import Store

/// Counts of alerts by rule, entity, feed and day, for `feedwatch alerts stats`.
public struct AlertStatistics: Sendable, Equatable, Codable {
    public var total = 0
    public var byRule: [String: Int] = [:]
    public var byEntity: [String: Int] = [:]
    public var byFeed: [String: Int] = [:]
    public var bySeverity: [String: Int] = [:]
    /// `yyyy-MM-dd` in UTC.
    public var byDay: [String: Int] = [:]

    /// snake_case, as every JSON feedwatch writes (`alerts stats --json`).
    enum CodingKeys: String, CodingKey {
        case total
        case byRule = "by_rule", byEntity = "by_entity", byFeed = "by_feed"
        case bySeverity = "by_severity", byDay = "by_day"
    }

    public init() {}

    public init<Alerts: Sequence<Alert>>(_ alerts: Alerts) {
        for alert in alerts { add(alert) }
    }

    /// The statistics the store counted.
    public init(_ counts: AlertCounts) {
        total = counts.total
        byRule = counts.byRule
        byEntity = counts.byEntity
        byFeed = counts.byFeed
        bySeverity = counts.bySeverity
        byDay = counts.byDay
    }

    public mutating func add(_ alert: Alert) {
        total += 1
        byRule[alert.rule, default: 0] += 1
        for entity in Set(alert.entities) { byEntity[entity, default: 0] += 1 }
        byFeed[alert.feed, default: 0] += 1
        bySeverity[alert.severity.rawValue, default: 0] += 1
        byDay[Self.day(alert.time), default: 0] += 1
    }

    /// The tables as a person reads them, largest counts first (days in date order).
    public var text: String {
        var sections = [Counted.phrase(total, "alert")]
        for (title, counts, byKey) in [
            ("by rule", byRule, false), ("by entity", byEntity, false), ("by feed", byFeed, false),
            ("by severity", bySeverity, false), ("by day", byDay, true),
        ] where !counts.isEmpty {
            let rows = counts.sorted {
                byKey ? $0.key < $1.key : ($0.value, $1.key) > ($1.value, $0.key)
            }
            let width = rows.map(\.key.count).max() ?? 0
            let lines = rows.map {
                "  " + $0.key.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  \($0.value)"
            }
            sections.append(([title] + lines).joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    private static func day(_ date: Date) -> String {
        AlertDay.text(of: AlertDay.number(of: date))
    }
}
