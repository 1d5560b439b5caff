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
    /// `yyyy-MM-dd`, the calendar days of the zone counted in.
    public var byDay: [String: Int] = [:]

    /// snake_case, as every JSON feedwatch writes (`alerts stats --json`).
    enum CodingKeys: String, CodingKey {
        case total
        case byRule = "by_rule", byEntity = "by_entity", byFeed = "by_feed"
        case bySeverity = "by_severity", byDay = "by_day"
    }

    public init() {}

    /// The counts of `alerts`, by the days of `zone`.
    public init<Alerts: Sequence<Alert>>(_ alerts: Alerts, daysIn zone: TimeZone = AlertDay.utc) {
        // One day's ends serve each run of alerts on it: no calendar per alert.
        var day: ZoneDay?
        for alert in alerts {
            if day.map({ !($0.start <= alert.time && alert.time < $0.end) }) ?? true {
                day = ZoneDay.containing(alert.time, in: zone)
            }
            add(alert, day: day?.text ?? "")
        }
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

    /// Counts `alert`, on its UTC day.
    public mutating func add(_ alert: Alert) {
        add(alert, day: AlertDay.text(of: AlertDay.number(of: alert.time)))
    }

    private mutating func add(_ alert: Alert, day: String) {
        total += 1
        byRule[alert.rule, default: 0] += 1
        for entity in Set(alert.entities) { byEntity[entity, default: 0] += 1 }
        byFeed[alert.feed, default: 0] += 1
        bySeverity[alert.severity.rawValue, default: 0] += 1
        byDay[day, default: 0] += 1
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
}
