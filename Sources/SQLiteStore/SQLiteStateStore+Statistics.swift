import Foundation
import Store

/// Rows and bytes per kind of state, read in one transaction. Bytes per
/// table come from SQLite's `dbstat` table when the library has it (Debian's
/// does); without it only the file's totals are known.
extension SQLiteStateStore {
    /// The kinds `state stats` reports, each with the table that counts its
    /// rows and the prefix of the tables and indexes whose pages it owns.
    private static let kinds: [(name: String, table: String, prefixes: [String])] = [
        ("seen_items", "seen_item", ["seen_item"]),
        ("archived_items", "item_archive", ["item_archive"]),
        ("stories", "story", ["story"]),
        ("outbox", "alert_outbox", ["alert_outbox"]),
        ("alerts_indexed", "alert_index", ["alert_index", "alert_entity", "alert_search"]),
        // The item texts kept with the alerts: they grow with the log, never pruned.
        ("alert_evidence", "alert_evidence", ["alert_evidence"]),
        ("acknowledgements", "alert_ack", ["alert_ack"]),
        ("feed_states", "feed_state", ["feed_state"]),
    ]

    public func statistics() throws(StoreError) -> StateStatistics {
        try serialized { () throws(StoreError) in
            try database.readTransaction(purpose: "measuring the state") {
                () throws(StoreError) in
                let pageSize = Int64(try database.integerPragma("page_size", purpose: "page size"))
                let bytesByTable = try bytesPerTable(pageSize: pageSize)
                var kinds: [StateStatistics.Kind] = []
                var counted: Int64 = 0
                for kind in Self.kinds {
                    let bytes = bytesByTable.map { tables in
                        tables.filter { table, _ in
                            kind.prefixes.contains { table.hasPrefix($0) }
                        }.values.reduce(0, +)
                    }
                    counted += bytes ?? 0
                    kinds.append(
                        StateStatistics.Kind(
                            name: kind.name, rows: try count("SELECT count(*) FROM \(kind.table)"),
                            bytes: bytes))
                }
                let pages = Int64(try database.integerPragma("page_count", purpose: "page count"))
                let free = Int64(
                    try database.integerPragma("freelist_count", purpose: "free page count"))
                return StateStatistics(
                    location: path, kinds: kinds,
                    absentSeenItems: try count(
                        "SELECT count(*) FROM seen_item WHERE absent_since IS NOT NULL"),
                    pendingDeliveries: try count(
                        "SELECT count(*) FROM alert_outbox WHERE status = 'pending'"),
                    fileBytes: pages * pageSize, walBytes: Self.fileSize(path + "-wal"),
                    freeBytes: free * pageSize,
                    otherBytes: bytesByTable == nil ? nil : pages * pageSize - counted,
                    lastPrune: try lastRun(task: "prune"))
            }
        }
    }

    /// Bytes of every table and index by name, or nil without `dbstat`.
    /// Counted in pages: the aggregate `pgsize` is a 32-bit sum in SQLite
    /// 3.40 and wraps past 2 GB, while `pageno` is the b-tree's page count.
    private func bytesPerTable(pageSize: Int64) throws(StoreError) -> [String: Int64]? {
        let tables: [String: Int64]
        do {
            tables = try database.withStatement(
                "SELECT name, pageno FROM dbstat WHERE aggregate = TRUE",
                purpose: "measuring tables"
            ) { statement throws(StoreError) in
                var sizes: [String: Int64] = [:]
                while try statement.step() {
                    sizes[statement.string(at: 0)] = statement.int64(at: 1) * pageSize
                }
                return sizes
            }
        } catch .database(_, let message) where message.contains("no such table: dbstat") {
            return nil
        }
        // An index counts for its table: its name is its own, the schema knows whose it is.
        let owners = try database.withStatement(
            "SELECT name, tbl_name FROM sqlite_schema WHERE type = 'index'",
            purpose: "reading the schema"
        ) { statement throws(StoreError) in
            try statement.rows { row throws(StoreError) in (row.string(at: 0), row.string(at: 1)) }
        }
        var byTable = tables
        for (index, table) in owners {
            guard let bytes = byTable.removeValue(forKey: index) else { continue }
            byTable[table, default: 0] += bytes
        }
        return byTable
    }

    private func count(_ sql: String) throws(StoreError) -> Int {
        try database.withStatement(sql, purpose: "counting rows") { statement throws(StoreError) in
            try statement.step() ? statement.int(at: 0) : 0
        }
    }

    /// When a maintenance task last ran to its end, inside the caller's serialization.
    func lastRun(task: String) throws(StoreError) -> Date? {
        try database.withStatement(
            "SELECT last_run FROM maintenance WHERE task = ?",
            purpose: "reading when \(task) last ran"
        ) { statement throws(StoreError) in
            try statement.bind(task, at: 1)
            return try statement.step() ? statement.date(at: 0) : nil
        }
    }

    /// The size of a file, 0 when there is none.
    static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
