import Foundation
import SQLiteStore
import Store

/// The one place that chooses the state's implementation; everything past
/// it sees the `Store` protocols only. The state is the SQLite file that
/// `[monitor] state` names; another backend would be chosen here, from the
/// same setting.
enum StateOpening {
    /// The monitor's state: created and migrated when new, and locked, so that
    /// a second monitor on it is refused (`StoreError.locked`).
    static func forMonitor(path: String) throws(StoreError) -> any StateStore {
        try SQLiteStateStore(path: path, access: .readWrite)
    }

    /// The state for a review command, beside a running monitor: read-only,
    /// taking no lock. Nil when no monitor has made it yet.
    static func forReview(path: String) throws(StoreError) -> (any StateStore)? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteStateStore(path: path, access: .readOnly)
    }

    /// The state for a small write beside a running monitor (`feedwatch
    /// mute`): no lock, no migration. Nil when no monitor has made it yet.
    static func forSideWrites(path: String) throws(StoreError) -> (any StateStore)? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteStateStore(path: path, access: .sideWrites)
    }
}
