import Configuration
import Foundation
import PostgreSQLStore
import SQLiteStore
import Store

/// The one place that chooses the state's implementation, from `[monitor]
/// state`; everything past it sees the `Store` protocols only: an SQLite file
/// (`SQLiteStateStore`), or a PostgreSQL database that a fleet of monitors
/// shares (`PostgreSQLStateStore`).
enum StateOpening {
    /// The monitor's state: created and migrated when new. An SQLite file is
    /// locked, so that a second monitor on it is refused (`StoreError.locked`);
    /// a database is shared, and takes no lock: the monitors divide its feeds
    /// with leases (`FeedLeaseStore`).
    static func forMonitor(_ state: StateLocation) throws(StoreError) -> any StateStore {
        switch state {
        case .sqliteFile(let path):
            return try SQLiteStateStore(path: path, access: .readWrite)
        case .postgreSQL(let url, _):
            return try PostgreSQLStateStore(
                url: url, password: try password(of: state), access: .readWrite)
        }
    }

    /// The state for a review command, beside running monitors: read-only,
    /// taking no lock. Nil when no monitor has made it yet (no file; a
    /// database without feedwatch's schema).
    static func forReview(_ state: StateLocation) throws(StoreError) -> (any StateStore)? {
        try existing(state, access: .readOnly)
    }

    /// The state for a small write beside running monitors (`feedwatch
    /// mute`): no lock, no migration. Nil when no monitor has made it yet.
    static func forSideWrites(_ state: StateLocation) throws(StoreError) -> (any StateStore)? {
        try existing(state, access: .sideWrites)
    }

    /// Whether a monitor has made the state yet, for commands that check
    /// before opening it for writing.
    static func exists(_ state: StateLocation) throws(StoreError) -> Bool {
        switch state {
        case .sqliteFile(let path): FileManager.default.fileExists(atPath: path)
        case .postgreSQL: try existing(state, access: .readOnly) != nil
        }
    }

    private static func existing(_ state: StateLocation, access: StoreAccess)
        throws(StoreError) -> (any StateStore)?
    {
        switch state {
        case .sqliteFile(let path):
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            return try SQLiteStateStore(path: path, access: access)
        case .postgreSQL(let url, _):
            return try PostgreSQLStateStore.existing(
                url: url, password: try password(of: state), access: access)
        }
    }

    /// `state-password`, read now: an unset variable is a state that cannot be opened.
    private static func password(of state: StateLocation) throws(StoreError) -> String? {
        do {
            return try state.postgreSQLPassword()
        } catch {
            throw .cannotOpen(
                path: error.state,
                reason:
                    "state-password names environment variable \(error.variable), which is not set"
            )
        }
    }
}
