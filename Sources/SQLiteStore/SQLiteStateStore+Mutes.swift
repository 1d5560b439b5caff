import Foundation
import Store

/// Mutes, in the `mute` table: one per target, ignored once expired.
extension SQLiteStateStore: MuteStore {
    public func setMute(_ mute: Mute) throws(StoreError) {
        let purpose = "muting \(mute.target.kind) \(mute.target.name)"
        try writing(purpose: purpose) { () throws(StoreError) in
            try database.withStatement(
                """
                INSERT INTO mute (kind, target, until, note, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (kind, target) DO UPDATE SET
                    until = excluded.until, note = excluded.note, created_at = excluded.created_at
                """,
                purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(mute.target.kind, at: 1)
                try statement.bind(mute.target.name, at: 2)
                try statement.bind(mute.until, at: 3)
                try statement.bind(mute.note, at: 4)
                try statement.bind(mute.createdAt, at: 5)
                try statement.run()
            }
            // Expired mutes are read by nobody: each new one clears them away.
            try database.withStatement(
                "DELETE FROM mute WHERE until <= ?", purpose: "dropping expired mutes"
            ) { statement throws(StoreError) in
                try statement.bind(mute.createdAt, at: 1)
                try statement.run()
            }
        }
    }

    public func activeMutes(now: Date) throws(StoreError) -> [Mute] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT kind, target, until, note, created_at FROM mute
                WHERE until > ? ORDER BY kind, target
                """,
                purpose: "reading the mutes"
            ) { statement throws(StoreError) in
                try statement.bind(now, at: 1)
                return try statement.rows { row throws(StoreError) in try readMute(row) }
            }
        }
    }

    @discardableResult
    public func removeMute(_ target: Mute.Target) throws(StoreError) -> Bool {
        let purpose = "unmuting \(target.kind) \(target.name)"
        return try writing(purpose: purpose) { () throws(StoreError) in
            try database.withStatement(
                "DELETE FROM mute WHERE kind = ? AND target = ?", purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(target.kind, at: 1)
                try statement.bind(target.name, at: 2)
                try statement.run()
                return database.changedRowCount > 0
            }
        }
    }

    /// A mute from a row of `kind, target, until, note, created_at`.
    func readMute(_ row: SQLiteStatement) throws(StoreError) -> Mute {
        guard let target = Mute.Target(kind: row.string(at: 0), name: row.string(at: 1)) else {
            throw .invalidData(
                path: path, message: "a mute has unknown kind '\(row.string(at: 0))'")
        }
        return Mute(
            target: target, until: row.date(at: 2), note: row.optionalString(at: 3),
            createdAt: row.date(at: 4))
    }
}
