import Foundation

/// Counts of indexed alerts, computed by SQLite: `alerts stats` at a million
/// alerts must not pull a million rows into memory.
extension StateStore {
    /// How many alerts match `filter` (its limit ignored), and the counts by
    /// rule, feed, severity, UTC day (`yyyy-MM-dd`) and entity.
    public func alertCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
        let (conditions, parameters) = Self.conditions(of: filter)
        // Times are stored as seconds since 2001-01-01, SQLite counts from 1970.
        let day = "date(time + \(Date.timeIntervalBetween1970AndReferenceDate), 'unixepoch')"
        var counts = AlertCounts()
        for (column, keyPath) in [
            ("rule", \AlertCounts.byRule), ("feed", \.byFeed), ("severity", \.bySeverity),
            (day, \.byDay),
        ] as [(String, WritableKeyPath<AlertCounts, [String: Int]>)] {
            counts[keyPath: keyPath] = try groupCounts(
                column: column, conditions: conditions, parameters: parameters)
        }
        // Entity lists group into few distinct combinations; split those.
        for (list, count) in try groupCounts(
            column: "entities", conditions: conditions, parameters: parameters)
        {
            for entity in Set(list.split(separator: " ")) {
                counts.byEntity[String(entity), default: 0] += count
            }
        }
        counts.total = counts.byRule.values.reduce(0, +)
        return counts
    }

    /// How many alerts match `filter` (its limit ignored): one scan, no grouping.
    public func alertCount(matching filter: AlertIndexFilter) throws(StoreError) -> Int {
        let (conditions, parameters) = Self.conditions(of: filter)
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM alert_index\(conditions)", purpose: "counting alerts"
            ) { statement throws(StoreError) in
                try statement.bind(parameters)
                return try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    private func groupCounts(
        column: String, conditions: String, parameters: [AlertIndexParameter]
    ) throws(StoreError) -> [String: Int] {
        let sql = "SELECT \(column), count(*) FROM alert_index\(conditions) GROUP BY 1"
        return try serialized { () throws(StoreError) in
            try database.withStatement(sql, purpose: "counting alerts by \(column)") {
                statement throws(StoreError) in
                try statement.bind(parameters)
                var result: [String: Int] = [:]
                while try statement.step() {
                    result[statement.optionalString(at: 0) ?? "", default: 0] += statement.int(
                        at: 1)
                }
                return result
            }
        }
    }
}

/// Alert counts by dimension.
public struct AlertCounts: Sendable, Equatable {
    public var total = 0
    public var byRule: [String: Int] = [:]
    public var byFeed: [String: Int] = [:]
    public var bySeverity: [String: Int] = [:]
    public var byDay: [String: Int] = [:]
    public var byEntity: [String: Int] = [:]

    public init() {}
}
