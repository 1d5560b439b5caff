import Foundation
import PostgreSQLClient
import Store

/// Counts of indexed alerts, computed by the server (`alerts stats`).
extension PostgreSQLStateStore {
    public func alertCounts(matching filter: AlertIndexFilter, daysIn zone: TimeZone)
        throws(StoreError) -> AlertCounts
    {
        let query = AlertIndexQuery(filter)
        let source = "FROM alert_index\(query.whereClause)"
        var counts = AlertCounts()
        counts.byRule = try groupCounts(
            "by rule", "SELECT rule, count(*) \(source) GROUP BY 1", query.parameters)
        counts.byFeed = try groupCounts(
            "by feed", "SELECT feed, count(*) \(source) GROUP BY 1", query.parameters)
        counts.bySeverity = try groupCounts(
            "by severity", "SELECT severity, count(*) \(source) GROUP BY 1", query.parameters)
        if ZoneDay.isUTC(zone) {
            let days = try groupCounts(
                "by day", "SELECT day::text, count(*) \(source) GROUP BY day", query.parameters)
            for (day, count) in days {
                counts.byDay[Int(day).map(AlertDay.text) ?? day, default: 0] += count
            }
        } else {
            counts.byDay = try zoneDayCounts(query, zone: zone)
        }
        counts.byEntity = try groupCounts(
            "by entity", "SELECT unnest(entities), count(*) \(source) GROUP BY 1",
            query.parameters)
        counts.total = counts.byRule.values.reduce(0, +)
        return counts
    }

    /// The counts by day of `zone`, each day's ends taken from the zone's
    /// calendar (a 23- or 25-hour day, a +05:45 zone), counted over the time
    /// index as the SQLite store does.
    private func zoneDayCounts(_ query: AlertIndexQuery, zone: TimeZone) throws(StoreError)
        -> [String: Int]
    {
        let range = try self.query(
            "finding the first and last alert to count by day",
            "SELECT min(time), max(time) FROM alert_index\(query.whereClause)", query.parameters
        ) { row throws(PostgreSQLError) in (try row.optionalDouble(0), try row.optionalDouble(1)) }
        guard let (first, last) = range.first, let first, let last else { return [:] }
        let days = ZoneDay.days(
            from: Date(timeIntervalSinceReferenceDate: first),
            through: Date(timeIntervalSinceReferenceDate: last), in: zone)
        let narrowed = query.whereClause.isEmpty ? " WHERE" : query.whereClause + " AND"
        let counts = try groupCounts(
            "by day in \(zone.identifier)",
            """
            WITH zone_day(number, day_start, day_end) AS (VALUES \(ZoneDay.valuesRows(days, typed: "::float8")))
            SELECT number::text, (SELECT count(*) FROM alert_index\(narrowed)
                time >= zone_day.day_start AND time < zone_day.day_end)
            FROM zone_day
            """, query.parameters)
        return ZoneDay.countsByText(counts, of: days)
    }

    /// The rows of a `SELECT key, count(*) … GROUP BY` as a dictionary.
    private func groupCounts(_ what: String, _ sql: String, _ parameters: [PostgreSQLValue])
        throws(StoreError) -> [String: Int]
    {
        let pairs = try query("counting alerts \(what)", sql, parameters) {
            row throws(PostgreSQLError) in (row.optionalString(0) ?? "", try row.int(1))
        }
        return Dictionary(pairs, uniquingKeysWith: +)
    }
}
