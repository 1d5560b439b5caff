import Foundation
import PostgreSQLClient
import Store

/// Mutes: one per target, ignored once expired.
extension PostgreSQLStateStore: MuteStore {
    public func setMute(_ mute: Mute) throws(StoreError) {
        try writing("muting \(mute.target.kind) \(mute.target.name)") {
            () throws(PostgreSQLError) in
            try connection.execute(
                """
                INSERT INTO mute (kind, target, until, note, created_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (kind, target) DO UPDATE SET
                    until = excluded.until, note = excluded.note, created_at = excluded.created_at
                """,
                [
                    .text(mute.target.kind), .text(mute.target.name), .date(mute.until),
                    .text(mute.note), .date(mute.createdAt),
                ])
            // Expired mutes are read by nobody: each new one clears them away.
            try connection.execute("DELETE FROM mute WHERE until <= $1", [.date(mute.createdAt)])
        }
    }

    public func activeMutes(now: Date) throws(StoreError) -> [Mute] {
        let rows = try query(
            "reading the mutes",
            """
            SELECT kind, target, until, note, created_at FROM mute
            WHERE until > $1 ORDER BY kind, target
            """, [.date(now)]
        ) { row throws(PostgreSQLError) in
            (
                kind: try row.string(0), name: try row.string(1), until: try row.date(2),
                note: row.optionalString(3), createdAt: try row.date(4)
            )
        }
        var mutes: [Mute] = []
        for row in rows {
            guard let target = Mute.Target(kind: row.kind, name: row.name) else {
                throw .invalidData(path: target, message: "a mute has unknown kind '\(row.kind)'")
            }
            mutes.append(
                Mute(target: target, until: row.until, note: row.note, createdAt: row.createdAt))
        }
        return mutes
    }

    @discardableResult
    public func removeMute(_ target: Mute.Target) throws(StoreError) -> Bool {
        try writing("unmuting \(target.kind) \(target.name)") { () throws(PostgreSQLError) in
            try connection.execute(
                "DELETE FROM mute WHERE kind = $1 AND target = $2",
                [.text(target.kind), .text(target.name)]
            ).affectedRowCount > 0
        }
    }
}
