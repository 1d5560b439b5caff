import Foundation
import Store

/// Counts of indexed alerts, computed by SQLite: `alerts stats` at a million
/// alerts must not pull a million rows into memory.
extension SQLiteStateStore {
    /// How many alerts match `filter` (its limit ignored), and the counts by
    /// rule, feed, severity, day of `zone` (`yyyy-MM-dd`) and entity.
    ///
    /// Each dimension is one GROUP BY that an index answers on its own
    /// (rule, feed, severity rank, day, and the entity table), so an
    /// unfiltered count reads index pages only, never the rows. Days are
    /// the stored UTC day numbers in UTC; in another zone, one count per
    /// day of that zone over the time index (see `zoneDayCounts`).
    ///
    /// Records of an excluded kind (the folded reports `alerts stats` leaves
    /// out) are subtracted: the counts of every kind come from the indexes
    /// alone, those of the one kind from its own index, where checking the
    /// kind of every row would read all of them.
    public func alertCounts(matching filter: AlertIndexFilter, daysIn zone: TimeZone)
        throws(StoreError) -> AlertCounts
    {
        guard let excluded = filter.excludedKind else {
            return try allCounts(matching: filter, daysIn: zone)
        }
        var everyKind = filter
        everyKind.excludedKind = nil
        var onlyExcluded = everyKind
        onlyExcluded.kind = excluded
        var counts = try allCounts(matching: everyKind, daysIn: zone)
        let subtracted = try allCounts(matching: onlyExcluded, daysIn: zone)
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

    private func allCounts(matching filter: AlertIndexFilter, daysIn zone: TimeZone)
        throws(StoreError) -> AlertCounts
    {
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
        if ZoneDay.isUTC(zone) {
            let days = try groupCounts(
                "SELECT day, count(*) FROM alert_index\(conditions) GROUP BY day",
                parameters: parameters, purpose: "counting alerts by day")
            for (day, count) in days {
                counts.byDay[Int(day).map(AlertDay.text) ?? day, default: 0] += count
            }
        } else {
            counts.byDay = try zoneDayCounts(
                conditions: conditions, parameters: parameters, zone: zone)
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

    /// The counts by day of `zone`: one count of the time index between each
    /// day's first instant and the next's, for every day from the first
    /// matching alert to the last.
    ///
    /// Grouping by `(time + offset) / 86400` would need the offset of each
    /// stretch between the zone's transitions, and sorts every row into a
    /// temporary B-tree (about ten times slower at a million alerts than
    /// the stored UTC days); a count per day walks the time index in order,
    /// as fast as those, and takes each day's ends from the zone's
    /// calendar, so a 23- or 25-hour day and a +05:45 zone are exact.
    private func zoneDayCounts(
        conditions: String, parameters: [AlertIndexParameter], zone: TimeZone
    ) throws(StoreError) -> [String: Int] {
        let range = try serialized { () throws(StoreError) -> (Date, Date)? in
            try database.withStatement(
                "SELECT min(time), max(time) FROM alert_index\(conditions)",
                purpose: "finding the first and last alert to count by day"
            ) { statement throws(StoreError) -> (Date, Date)? in
                try statement.bind(parameters)
                guard try statement.step(), let first = statement.optionalDate(at: 0),
                    let last = statement.optionalDate(at: 1)
                else { return nil }
                return (first, last)
            }
        }
        guard let (first, last) = range else { return [:] }
        let days = ZoneDay.days(from: first, through: last, in: zone)
        let narrowed = conditions.isEmpty ? " WHERE" : conditions + " AND"
        let counts = try groupCounts(
            """
            WITH zone_day(number, day_start, day_end) AS (VALUES \(ZoneDay.valuesRows(days)))
            SELECT number, (SELECT count(*) FROM alert_index\(narrowed)
                time >= zone_day.day_start AND time < zone_day.day_end) AS total
            FROM zone_day
            """, parameters: parameters, purpose: "counting alerts by day in \(zone.identifier)")
        return ZoneDay.countsByText(counts, of: days)
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
