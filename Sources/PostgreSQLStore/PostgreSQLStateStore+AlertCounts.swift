import Foundation
import PostgreSQLClient
import Store

/// Counts of indexed alerts, computed by the server (`alerts stats`).
extension PostgreSQLStateStore {
    public func alertCounts(matching filter: AlertIndexFilter) throws(StoreError) -> AlertCounts {
        let query = AlertIndexQuery(filter)
        let source = "FROM alert_index\(query.whereClause)"
        var counts = AlertCounts()
        counts.byRule = try groupCounts(
            "by rule", "SELECT rule, count(*) \(source) GROUP BY 1", query.parameters)
        counts.byFeed = try groupCounts(
            "by feed", "SELECT feed, count(*) \(source) GROUP BY 1", query.parameters)
        counts.bySeverity = try groupCounts(
            "by severity", "SELECT severity, count(*) \(source) GROUP BY 1", query.parameters)
        let days = try groupCounts(
            "by day", "SELECT day::text, count(*) \(source) GROUP BY day", query.parameters)
        for (day, count) in days {
            counts.byDay[Int(day).map(AlertDay.text) ?? day, default: 0] += count
        }
        counts.byEntity = try groupCounts(
            "by entity", "SELECT unnest(entities), count(*) \(source) GROUP BY 1",
            query.parameters)
        counts.total = counts.byRule.values.reduce(0, +)
        return counts
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
