import FeedModel
import Foundation
import Store

/// The index of the alert log, for review commands that must answer fast at a million alerts.
extension SQLiteStateStore: AlertIndexStore {
    static let alertIndexColumns = """
        alert_id, time, rule, severity, severity_rank, feed, story, title, log_file, byte_offset,
        entities, kind, item_id, published
        """

    /// Empties the index, before `alerts reindex` rebuilds it from the log.
    public func clearAlertIndex() throws(StoreError) {
        try writing(purpose: "clearing the alert index") { () throws(StoreError) in
            // Children first: a cascade would delete entity rows one parent at a time.
            try database.execute(
                "DELETE FROM alert_entity; DELETE FROM alert_search; DELETE FROM alert_index",
                purpose: "clearing the alert index")
        }
    }

    /// Which of `alertIDs` are indexed: one statement, prepared once and run
    /// per id on the unique index, under one hold of the connection.
    public func recordedAlertIDs(among alertIDs: [String]) throws(StoreError) -> Set<String> {
        guard !alertIDs.isEmpty else { return [] }
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT 1 FROM alert_index WHERE alert_id = ?",
                purpose: "looking up \(Counted.phrase(alertIDs.count, "alert id"))"
            ) { statement throws(StoreError) in
                var recorded: Set<String> = []
                for alertID in alertIDs {
                    statement.reset()
                    try statement.bind(alertID, at: 1)
                    if try statement.step() { recorded.insert(alertID) }
                }
                return recorded
            }
        }
    }

    /// The entry of one alert.
    public func alertIndexEntry(alertID: String) throws(StoreError) -> AlertIndexEntry? {
        try queryAlertIndex(
            sql: "SELECT \(Self.alertIndexColumns) FROM alert_index WHERE alert_id = ?",
            purpose: "looking up alert \(alertID)", parameters: [.text(alertID)]
        ).first
    }

    /// The entries matching `filter`, newest first.
    public func alerts(matching filter: AlertIndexFilter) throws(StoreError) -> [AlertIndexEntry] {
        let (conditions, whereParameters) = try conditions(of: filter)
        var parameters = whereParameters
        var sql = "SELECT \(Self.alertIndexColumns) FROM alert_index" + conditions
        // Ids follow the log's order, so they break ties between equal times.
        sql += filter.oldestFirst ? " ORDER BY time, id" : " ORDER BY time DESC, id DESC"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            parameters.append(.integer(limit))
        }
        return try queryAlertIndex(
            sql: sql, purpose: "querying the alert index", parameters: parameters)
    }

    /// How many alerts the index holds.
    public func alertIndexCount() throws(StoreError) -> Int {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM alert_index", purpose: "counting indexed alerts"
            ) {
                statement throws(StoreError) in
                try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    /// Inserts inside the caller's transaction. An entry already indexed is
    /// updated in place, keeping its id and so its place in log order.
    func insertAlertIndexEntries(_ entries: [AlertIndexEntry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        let updates = Self.alertIndexColumns.split(separator: ",").dropFirst().map {
            let column = $0.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(column) = excluded.\(column)"
        }
        let upsert = """
            INSERT INTO alert_index (\(Self.alertIndexColumns), day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (alert_id) DO UPDATE SET \(updates.joined(separator: ", ")), day = excluded.day
            RETURNING id
            """
        // Four statements prepared once for the batch: a reindex runs a million rows.
        try database.withStatement(upsert, purpose: "indexing alerts", reused: true) {
            upsert throws(StoreError) in
            try database.withStatement(
                "DELETE FROM alert_entity WHERE alert = ?", purpose: "indexing alert entities",
                reused: true
            ) { clearEntities throws(StoreError) in
                try database.withStatement(
                    "INSERT OR IGNORE INTO alert_entity (alert, entity) VALUES (?, ?)",
                    purpose: "indexing alert entities", reused: true
                ) { addEntity throws(StoreError) in
                    try database.withStatement(
                        "INSERT OR REPLACE INTO alert_search (rowid, text) VALUES (?, ?)",
                        purpose: "indexing alert text", reused: true
                    ) { setText throws(StoreError) in
                        for entry in entries {
                            let id = try Self.upsert(entry, with: upsert)
                            clearEntities.reset()
                            try clearEntities.bind(id, at: 1)
                            try clearEntities.run()
                            for entity in entry.entities {
                                addEntity.reset()
                                try addEntity.bind(id, at: 1)
                                try addEntity.bind(entity, at: 2)
                                try addEntity.run()
                            }
                            setText.reset()
                            try setText.bind(id, at: 1)
                            try setText.bind(entry.searchText, at: 2)
                            try setText.run()
                        }
                    }
                }
            }
        }
    }

    /// Runs the upsert for one entry; the id of its row.
    private static func upsert(_ entry: AlertIndexEntry, with statement: SQLiteStatement)
        throws(StoreError) -> Int64
    {
        statement.reset()
        try statement.bind(entry.alertID, at: 1)
        try statement.bind(entry.time, at: 2)
        try statement.bind(entry.rule, at: 3)
        try statement.bind(entry.severity, at: 4)
        try statement.bind(entry.severityRank, at: 5)
        try statement.bind(entry.feed, at: 6)
        try statement.bind(entry.story, at: 7)
        try statement.bind(entry.title, at: 8)
        try statement.bind(entry.logFile, at: 9)
        try statement.bind(entry.byteOffset, at: 10)
        try statement.bind(" " + entry.entities.joined(separator: " ") + " ", at: 11)
        try statement.bind(entry.kind, at: 12)
        try statement.bind(entry.itemID, at: 13)
        try statement.bind(entry.published, at: 14)
        try statement.bind(AlertDay.number(of: entry.time), at: 15)
        guard try statement.step() else {
            throw .database(
                path: statement.database.path, message: "indexing \(entry.alertID) returned no id")
        }
        let id = statement.int64(at: 0)
        // RETURNING rows come before the statement finishes: step it to the end.
        while try statement.step() {}
        return id
    }

    private func queryAlertIndex(
        sql: String, purpose: String, parameters: [AlertIndexParameter]
    ) throws(StoreError) -> [AlertIndexEntry] {
        try serialized { () throws(StoreError) in
            try database.withStatement(sql, purpose: purpose) { statement throws(StoreError) in
                try statement.bind(parameters)
                return try statement.rows(Self.readAlertIndexEntry)
            }
        }
    }

    static func readAlertIndexEntry(_ row: SQLiteStatement) -> AlertIndexEntry {
        AlertIndexEntry(
            alertID: row.string(at: 0), time: row.date(at: 1), rule: row.string(at: 2),
            severity: row.string(at: 3), severityRank: row.int(at: 4), feed: row.string(at: 5),
            story: row.optionalString(at: 6), title: row.optionalString(at: 7),
            logFile: row.string(at: 8), byteOffset: row.int64(at: 9),
            entities: row.string(at: 10).split(separator: " ").map(String.init),
            kind: row.string(at: 11), itemID: row.optionalString(at: 12),
            published: row.optionalDate(at: 13))
    }
}
