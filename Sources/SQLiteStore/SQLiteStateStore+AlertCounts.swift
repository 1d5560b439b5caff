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
    ///
    /// Records of an excluded kind (the folded reports `alerts stats` leaves
    /// out) are subtracted: the counts of every kind come from the indexes
    /// alone, those of the one kind from its own index, where checking the
    /// kind of every row would read all of them.
    public func alertCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
        guard let excluded = filter.excludedKind else { return try allCounts(matching: filter) }
        var everyKind = filter
        everyKind.excludedKind = nil
        var onlyExcluded = everyKind
        onlyExcluded.kind = excluded
        var counts = try allCounts(matching: everyKind)
        let subtracted = try allCounts(matching: onlyExcluded)
        counts.total -= subtracted.total
        counts.byRule = Self.subtracting(subtracted.byRule, from: counts.byRule)
        counts.byFeed = Self.subtracting(subtracted.byFeed, from: counts.byFeed)
        counts.bySeverity = Self.subtracting(subtracted.bySeverity, from: counts.bySeverity)
        counts.byDay = Self.subtracting(subtracted.byDay, from: counts.byDay)
        counts.byEntity = Self.subtracting(subtracted.byEntity, from: counts.byEntity)
        return counts
    }

    /// `counts` less `subtracted`, keys left at zero dropped.
    private static func subtracting(_ subtracted: [String: Int], from counts: [String: Int])
        -> [String: Int]
    {
        var result = counts
        for (key, count) in subtracted { result[key, default: 0] -= count }
        return result.filter { $0.value > 0 }
    }

    private func allCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
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
    /// An excluded kind is subtracted, as in `alertCounts`.
    public func alertCount(matching filter: AlertIndexFilter) throws(StoreError) -> Int {
        if let excluded = filter.excludedKind {
            var everyKind = filter
            everyKind.excludedKind = nil
            var onlyExcluded = everyKind
            onlyExcluded.kind = excluded
            return try alertCount(matching: everyKind) - alertCount(matching: onlyExcluded)
        }
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
