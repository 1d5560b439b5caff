import Foundation
import Store

/// Counts of indexed alerts, computed by SQLite: `alerts stats` at a million
/// alerts must not pull a million rows into memory.
extension SQLiteStateStore {
    /// How many alerts match `filter` (its limit ignored), and the counts by
    /// rule, feed, severity, UTC day (`yyyy-MM-dd`) and entity.
    ///
    /// Each dimension is one GROUP BY that an index answers on its own
    /// (rule, feed, severity rank, day, and the entity table), so an
    /// unfiltered count reads index pages only, never the rows.
    public func alertCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
        let (conditions, parameters) = try conditions(of: filter)
        var counts = AlertCounts()
        counts.byRule = try groupCounts(
            "SELECT rule, count(*) FROM alert_index\(conditions) GROUP BY rule",
            parameters: parameters, purpose: "counting alerts by rule")
        counts.byFeed = try groupCounts(
            "SELECT feed, count(*) FROM alert_index\(conditions) GROUP BY feed",
            parameters: parameters, purpose: "counting alerts by feed")
        // The rank is indexed, the name is not; each rank has one name.
        counts.bySeverity = try groupCounts(
            """
            SELECT (SELECT severity FROM alert_index WHERE severity_rank = grouped.rank LIMIT 1),
                total
            FROM (SELECT severity_rank AS rank, count(*) AS total FROM alert_index\(conditions)
                GROUP BY severity_rank) AS grouped
            """, parameters: parameters, purpose: "counting alerts by severity")
        let days = try groupCounts(
            "SELECT day, count(*) FROM alert_index\(conditions) GROUP BY day",
            parameters: parameters, purpose: "counting alerts by day")
        for (day, count) in days {
            counts.byDay[Int(day).map(AlertDay.text) ?? day, default: 0] += count
        }
        let entitySQL =
            conditions.isEmpty
            ? "SELECT entity, count(*) FROM alert_entity GROUP BY entity"
            : """
            SELECT entity, count(*) FROM alert_entity
            WHERE alert IN (SELECT id FROM alert_index\(conditions)) GROUP BY entity
            """
        counts.byEntity = try groupCounts(
            entitySQL, parameters: parameters, purpose: "counting alerts by entity")
        counts.total = counts.byRule.values.reduce(0, +)
        return counts
    }

    /// How many alerts match `filter` (its limit ignored): one scan, no grouping.
    public func alertCount(matching filter: AlertIndexFilter) throws(StoreError) -> Int {
        let (conditions, parameters) = try conditions(of: filter)
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM alert_index\(conditions)", purpose: "counting alerts"
            ) { statement throws(StoreError) in
                try statement.bind(parameters)
                return try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    /// The rows of a `SELECT key, count(*) … GROUP BY` as a dictionary.
    private func groupCounts(
        _ sql: String, parameters: [AlertIndexParameter], purpose: String
    ) throws(StoreError) -> [String: Int] {
        try serialized { () throws(StoreError) in
            try database.withStatement(sql, purpose: purpose) { statement throws(StoreError) in
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
