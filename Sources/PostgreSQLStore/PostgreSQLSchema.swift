import PostgreSQLClient
import Store

/// The schema's history, oldest first, and the runner that brings a database
/// to its newest step. Never edit a shipped step: append a new one.
///
/// Times are seconds since 2001-01-01 in `double precision`, as the SQLite
/// state keeps them: a `Date` reads back exactly. Lists are `text[]`.
enum PostgreSQLSchema {
    struct Step {
        let version: Int
        let purpose: String
        let sql: String
    }

    static let steps: [Step] = [
        Step(
            version: 1,
            purpose:
                "create feed state with leases, seen items, item archive, alert index with evidence and acknowledgements, outbox, digests, mutes, stories",
            sql: PostgreSQLSchemaVersion1.sql),
        Step(
            version: 2, purpose: "claim outbox deliveries for one sender",
            sql: PostgreSQLSchemaVersion2.sql),
    ]

    static var latestVersion: Int { steps.last?.version ?? 0 }

    /// Any number, as long as nothing else takes the same advisory lock:
    /// monitors starting at once migrate one after the other.
    private static let migrationLock: Int64 = 0x6665_6564_7761_7463  // "feedwatc"

    /// Brings the database to `latestVersion` in one transaction, or refuses a newer one.
    static func migrate(_ store: PostgreSQLStateStore) throws(StoreError) {
        let found = try store.writing("migrating the schema") { () throws(PostgreSQLError) in
            let connection = store.connection
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.integer(migrationLock)])
            try connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            let current =
                try connection.execute("SELECT max(version) FROM schema_version")
                .first?.optionalInt(0) ?? 0
            guard current <= latestVersion else { return current }
            for step in steps where step.version > current {
                try connection.executeScript(step.sql)
                try connection.execute(
                    "INSERT INTO schema_version (version) VALUES ($1)",
                    [.integer(step.version)])
            }
            return current
        }
        if found > latestVersion {
            throw .newerSchema(path: store.target, found: found, supported: latestVersion)
        }
    }

    /// Refuses a database no monitor has migrated to this version.
    static func checkCurrent(_ store: PostgreSQLStateStore) throws(StoreError) {
        let version = try version(of: store)
        if version > latestVersion {
            throw .newerSchema(path: store.target, found: version, supported: latestVersion)
        }
        if version < latestVersion {
            throw .cannotOpen(
                path: store.target,
                reason: version == 0
                    ? "no feedwatch state in this database yet (no monitor has run on it)"
                    : "schema version \(version) is older than \(latestVersion): run the monitor once to upgrade it"
            )
        }
    }

    /// The schema version of the database: 0 when no monitor has created one.
    static func version(of store: PostgreSQLStateStore) throws(StoreError) -> Int {
        try store.run("reading the schema version") { () throws(PostgreSQLError) in
            let connection = store.connection
            // The table is named in a statement only once it is known to exist.
            guard
                try connection.execute("SELECT to_regclass('schema_version') IS NOT NULL")[0]
                    .bool(0)
            else { return 0 }
            return try connection.execute("SELECT max(version) FROM schema_version").first?
                .optionalInt(0) ?? 0
        }
    }
}
