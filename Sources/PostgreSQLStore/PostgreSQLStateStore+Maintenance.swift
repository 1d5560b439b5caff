import Foundation
import PostgreSQLClient
import Store

/// Looking after the shared database by hand: its size by kind and giving
/// freed space back. A backup is PostgreSQL's own to make.
extension PostgreSQLStateStore: StateMaintenance {
    /// The kinds `state stats` reports, each with the table that holds it
    /// (its indexes and TOAST counted with it), in the order `StateStatistics` lists them.
    private static let kinds: [(name: String, table: String)] = [
        ("seen_items", "seen_item"),
        ("archived_items", "item_archive"),
        ("stories", "story"),
        ("outbox", "alert_outbox"),
        ("alerts_indexed", "alert_index"),
        ("alert_evidence", "alert_evidence"),
        ("acknowledgements", "alert_ack"),
        ("feed_states", "feed_state"),
    ]

    public func statistics() throws(StoreError) -> StateStatistics {
        try run("measuring the state") { () throws(PostgreSQLError) in
            // One snapshot for every count, as a monitor may be writing.
            try connection.transaction { () throws(PostgreSQLError) in
                try connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                var kinds: [StateStatistics.Kind] = []
                for kind in Self.kinds {
                    let row = try connection.execute(
                        "SELECT count(*), pg_total_relation_size($1::regclass) FROM \(kind.table)",
                        [.text(kind.table)])[0]
                    kinds.append(
                        StateStatistics.Kind(
                            name: kind.name, rows: try row.int(0), bytes: Int64(try row.int(1))))
                }
                let totals = try connection.execute(
                    """
                    SELECT pg_database_size(current_database()),
                        (SELECT count(*) FROM seen_item WHERE absent_since IS NOT NULL),
                        (SELECT count(*) FROM alert_outbox WHERE status = 'pending'),
                        (SELECT last_run FROM maintenance WHERE task = 'prune')
                    """)[0]
                let databaseBytes = Int64(try totals.int(0))
                let counted = kinds.compactMap(\.bytes).reduce(0, +)
                // The write-ahead log and free space belong to the whole server, not
                // to this database: PostgreSQL reports neither per database.
                return StateStatistics(
                    location: target, kinds: kinds, absentSeenItems: try totals.int(1),
                    pendingDeliveries: try totals.int(2), fileBytes: databaseBytes, walBytes: 0,
                    freeBytes: 0, otherBytes: max(0, databaseBytes - counted),
                    lastPrune: try totals.optionalDate(3))
            }
        }
    }

    /// `VACUUM FULL`: every table rewritten without its free space. It locks
    /// each table while it rewrites it, so monitors wait for it meanwhile.
    public func vacuum() throws(StoreError) -> VacuumResult {
        guard access == .readWrite else {
            throw .database(path: target, message: "vacuum: the store was not opened for writing")
        }
        return try run("vacuuming the state") { () throws(PostgreSQLError) in
            let size = "SELECT pg_database_size(current_database())"
            let before = try connection.execute(size)[0].int(0)
            // VACUUM cannot run inside a transaction: each table is its own.
            for table in Self.kinds.map(\.table) + Self.otherTables {
                try connection.execute("VACUUM (FULL, ANALYZE) \(table)")
            }
            let after = try connection.execute(size)[0].int(0)
            return VacuumResult(bytesBefore: Int64(before), bytesAfter: Int64(after))
        }
    }

    /// Refused: a consistent copy of a PostgreSQL database is made by
    /// PostgreSQL's tools, which also restore it (`pg_dump`, or a base backup).
    public func backup(to path: String, replacing: Bool) throws(StoreError) {
        throw .database(
            path: target,
            message:
                "backup to \(path): a PostgreSQL state is copied with PostgreSQL's own tools (pg_dump \(target.split(separator: "/").last.map(String.init) ?? "DATABASE") > FILE), which restore it too"
        )
    }

    /// The tables no kind reports.
    private static let otherTables = [
        "feed_lease", "outbox_alert", "digest_entry", "mute", "maintenance", "schema_version",
    ]
}
