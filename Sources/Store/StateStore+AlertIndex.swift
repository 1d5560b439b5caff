import Foundation

/// The index of the alert log, for review commands that must answer fast at a million alerts.
extension StateStore {
    private static let alertIndexColumns = """
        alert_id, time, rule, severity, severity_rank, feed, story, title, log_file, byte_offset,
        entities, search_text
        """

    /// Adds entries, replacing any with the same alert id (so a reindex can run over old ones).
    public func indexAlerts(_ entries: [AlertIndexEntry]) throws(StoreError) {
        try writing(purpose: "indexing \(entries.count) alerts") { () throws(StoreError) in
            try insertAlertIndexEntries(entries)
        }
    }

    /// Empties the index, before `alerts reindex` rebuilds it from the log.
    public func clearAlertIndex() throws(StoreError) {
        try writing(purpose: "clearing the alert index") { () throws(StoreError) in
            try database.execute("DELETE FROM alert_index", purpose: "clearing the alert index")
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
        let (conditions, whereParameters) = Self.conditions(of: filter)
        var parameters = whereParameters
        var sql = "SELECT \(Self.alertIndexColumns) FROM alert_index" + conditions
        sql += " ORDER BY time DESC, byte_offset DESC"
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

    /// Inserts inside the caller's transaction.
    func insertAlertIndexEntries(_ entries: [AlertIndexEntry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try database.withStatement(
            "INSERT OR REPLACE INTO alert_index (\(Self.alertIndexColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            purpose: "indexing alerts"
        ) { statement throws(StoreError) in
            for entry in entries {
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
                try statement.bind(entry.searchText, at: 12)
                try statement.run()
            }
        }
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

    private static func readAlertIndexEntry(_ row: SQLiteStatement) -> AlertIndexEntry {
        AlertIndexEntry(
            alertID: row.string(at: 0), time: row.date(at: 1), rule: row.string(at: 2),
            severity: row.string(at: 3), severityRank: row.int(at: 4), feed: row.string(at: 5),
            story: row.optionalString(at: 6), title: row.optionalString(at: 7),
            logFile: row.string(at: 8), byteOffset: row.int64(at: 9),
            entities: row.string(at: 10).split(separator: " ").map(String.init),
            searchText: row.string(at: 11))
    }

    /// The WHERE clause of `filter` (empty when it filters nothing) and its parameters.
    static func conditions(of filter: AlertIndexFilter) -> (String, [AlertIndexParameter]) {
        // Each filter field: its condition, and the value to bind when it is set.
        let clauses: [(condition: String, value: AlertIndexParameter?)] = [
            ("time >= ?", filter.since.map(AlertIndexParameter.date)),
            ("time < ?", filter.until.map(AlertIndexParameter.date)),
            ("rule = ?", filter.rule.map(AlertIndexParameter.text)),
            ("severity_rank >= ?", filter.minimumSeverityRank.map(AlertIndexParameter.integer)),
            ("severity_rank = ?", filter.severityRank.map(AlertIndexParameter.integer)),
            ("feed = ?", filter.feed.map(AlertIndexParameter.text)),
            ("story = ?", filter.story.map(AlertIndexParameter.text)),
            // Entities are stored space-separated between spaces: " a b ".
            ("entities LIKE ? ESCAPE '\\'", filter.entity.map { .text("% \(likeEscaped($0)) %") }),
            (
                "search_text LIKE ? ESCAPE '\\'",
                filter.text.map { .text("%\(likeEscaped($0.lowercased()))%") }
            ),
            ("alert_id LIKE ? ESCAPE '\\'", filter.idPrefix.map { .text("\(likeEscaped($0))%") }),
        ]
        let active = clauses.filter { $0.value != nil }
        guard !active.isEmpty else { return ("", []) }
        return (
            " WHERE " + active.map(\.condition).joined(separator: " AND "),
            active.compactMap(\.value)
        )
    }

    /// `text` with LIKE's wildcards taken literally.
    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

/// A value for a query built at run time.
enum AlertIndexParameter {
    case text(String)
    case integer(Int)
    case date(Date)
}

extension SQLiteStatement {
    /// Binds `parameters` to the placeholders, in order.
    func bind(_ parameters: [AlertIndexParameter]) throws(StoreError) {
        for (offset, parameter) in parameters.enumerated() {
            let index = Int32(offset + 1)
            switch parameter {
            case .text(let text): try bind(text, at: index)
            case .integer(let integer): try bind(integer, at: index)
            case .date(let date): try bind(date, at: index)
            }
        }
    }
}
