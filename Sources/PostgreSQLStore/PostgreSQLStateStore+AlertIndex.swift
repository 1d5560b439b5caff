import FeedModel
import Foundation
import PostgreSQLClient
import Store

/// The index of the alert log. The alert id is unique, so two monitors
/// indexing the same alert keep one entry.
extension PostgreSQLStateStore: AlertIndexStore {
    static let alertIndexColumns = """
        alert_id, time, rule, severity, severity_rank, feed, story, title, log_file, byte_offset,
        entities, kind, item_id, published
        """

    public func recordedAlertIDs(among alertIDs: [String]) throws(StoreError) -> Set<String> {
        guard !alertIDs.isEmpty else { return [] }
        let found = try query(
            "looking up \(Counted.phrase(alertIDs.count, "alert id"))",
            "SELECT alert_id FROM alert_index WHERE alert_id = ANY ($1)", [.textArray(alertIDs)]
        ) { row throws(PostgreSQLError) in try row.string(0) }
        return Set(found)
    }

    public func alertIndexEntry(alertID: String) throws(StoreError) -> AlertIndexEntry? {
        try query(
            "looking up alert \(alertID)",
            "SELECT \(Self.alertIndexColumns) FROM alert_index WHERE alert_id = $1",
            [.text(alertID)], read: Self.readAlertIndexEntry
        ).first
    }

    public func alerts(matching filter: AlertIndexFilter) throws(StoreError) -> [AlertIndexEntry] {
        var query = AlertIndexQuery(filter)
        // Ids follow the order entries were indexed in, so they break ties between equal times.
        let order = filter.oldestFirst ? "time, id" : "time DESC, id DESC"
        var sql =
            "SELECT \(Self.alertIndexColumns) FROM alert_index\(query.whereClause) ORDER BY \(order)"
        if let limit = filter.limit { sql += " LIMIT \(query.placeholder(for: .integer(limit)))" }
        return try self.query(
            "querying the alert index", sql, query.parameters, read: Self.readAlertIndexEntry)
    }

    public func alertCount(matching filter: AlertIndexFilter) throws(StoreError) -> Int {
        let query = AlertIndexQuery(filter)
        return try self.query(
            "counting alerts", "SELECT count(*) FROM alert_index\(query.whereClause)",
            query.parameters
        ) { row throws(PostgreSQLError) in try row.int(0) }.first ?? 0
    }

    public func alertIndexCount() throws(StoreError) -> Int {
        try alertCount(matching: AlertIndexFilter())
    }

    public func alertIndexContains(_ value: String, in field: AlertIndexField) throws(StoreError)
        -> Bool
    {
        let condition =
            field == .entity ? "entities @> $1" : "\(Self.column(of: field)) = $1"
        let parameter: PostgreSQLValue = field == .entity ? .textArray([value]) : .text(value)
        return try !query(
            "looking for \(field.rawValue) \(value) among the alerts",
            "SELECT 1 FROM alert_index WHERE \(condition) LIMIT 1", [parameter]
        ) { _ throws(PostgreSQLError) in () }.isEmpty
    }

    public func alertIndexValues(of field: AlertIndexField) throws(StoreError) -> [String] {
        let values =
            field == .entity
            ? "SELECT DISTINCT unnest(entities) FROM alert_index"
            : "SELECT DISTINCT \(Self.column(of: field)) FROM alert_index"
        return try query(
            "listing the \(field.rawValue) values of the alerts",
            "SELECT value FROM (\(values)) AS found (value) WHERE value IS NOT NULL ORDER BY 1"
        ) { row throws(PostgreSQLError) in try row.string(0) }
    }

    public func lastIndexedLine(inLogFile logFile: String) throws(StoreError) -> (
        offset: Int64, alertID: String
    )? {
        try query(
            "finding the end of the index in \(logFile)",
            "SELECT byte_offset, alert_id FROM alert_index WHERE log_file = $1 ORDER BY id DESC LIMIT 1",
            [.text(logFile)]
        ) { row throws(PostgreSQLError) in (Int64(try row.int(0)), try row.string(1)) }.first
    }

    public func lastIndexedLine() throws(StoreError) -> (
        logFile: String, offset: Int64, alertID: String
    )? {
        try query(
            "finding the end of the alert index",
            "SELECT log_file, byte_offset, alert_id FROM alert_index ORDER BY id DESC LIMIT 1"
        ) { row throws(PostgreSQLError) in
            (try row.string(0), Int64(try row.int(1)), try row.string(2))
        }.first
    }

    public func clearAlertIndex() throws(StoreError) {
        try writing("clearing the alert index") { () throws(PostgreSQLError) in
            try connection.execute("DELETE FROM alert_index")
        }
    }

    /// Inserts inside the caller's transaction. An entry already indexed is
    /// updated in place, keeping its id and so its place in index order.
    func insertAlertIndexEntries(_ entries: [AlertIndexEntry]) throws(PostgreSQLError) {
        let sql = UpsertStatement.replacing(
            table: "alert_index", columns: Self.alertIndexColumns + ", day, search_text")
        for entry in entries {
            try connection.execute(
                sql,
                [
                    .text(entry.alertID), .date(entry.time), .text(entry.rule),
                    .text(entry.severity), .integer(entry.severityRank), .text(entry.feed),
                    .text(entry.story), .text(entry.title), .text(entry.logFile),
                    .integer(entry.byteOffset), .textArray(entry.entities), .text(entry.kind),
                    .text(entry.itemID), .date(entry.published),
                    .integer(AlertDay.number(of: entry.time)), .text(entry.searchText),
                ])
        }
    }

    private static func column(of field: AlertIndexField) -> String {
        switch field {
        case .rule: "rule"
        case .feed: "feed"
        case .story: "story"
        case .entity: "entities"
        }
    }

    static func readAlertIndexEntry(_ row: PostgreSQLRow) throws(PostgreSQLError)
        -> AlertIndexEntry
    {
        AlertIndexEntry(
            alertID: try row.string(0), time: try row.date(1), rule: try row.string(2),
            severity: try row.string(3), severityRank: try row.int(4), feed: try row.string(5),
            story: row.optionalString(6), title: row.optionalString(7),
            logFile: try row.string(8), byteOffset: Int64(try row.int(9)),
            entities: try row.textArray(10), kind: try row.string(11),
            itemID: row.optionalString(12), published: try row.optionalDate(13))
    }
}
