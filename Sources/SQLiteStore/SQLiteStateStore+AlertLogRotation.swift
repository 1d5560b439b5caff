import Foundation
import Store

/// Keeping the alert index's file references right when the log rotates.
extension SQLiteStateStore {
    /// The live log file was renamed: entries pointing into it follow, inside
    /// the caller's transaction.
    func moveAlertIndexEntries(_ rename: LogFileRename) throws(StoreError) {
        try database.withStatement(
            "UPDATE alert_index SET log_file = ? WHERE log_file = ?",
            purpose: "moving index entries from \(rename.from) to \(rename.to)"
        ) { statement throws(StoreError) in
            try statement.bind(rename.to, at: 1)
            try statement.bind(rename.from, at: 2)
            try statement.run()
        }
    }

    /// The indexed line that starts furthest into `logFile` (its offset and
    /// alert id), or nil when none is: lines past it are in the log but not
    /// in the index, as a crash between the two writes leaves them. Ids follow
    /// the log's order, so the newest entries are read first and the live
    /// file's last line is found without scanning the index.
    public func lastIndexedLine(inLogFile logFile: String) throws(StoreError) -> (
        offset: Int64, alertID: String
    )? {
        let purpose = "finding the end of the index in \(logFile)"
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT byte_offset, alert_id FROM alert_index WHERE log_file = ?
                ORDER BY id DESC LIMIT 1
                """, purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(logFile, at: 1)
                guard try statement.step() else { return nil }
                return (statement.int64(at: 0), statement.string(at: 1))
            }
        }
    }

    /// The indexed line furthest into the log, whichever file holds it: ids
    /// follow the log's order, so it is the newest entry.
    public func lastIndexedLine() throws(StoreError) -> (
        logFile: String, offset: Int64, alertID: String
    )? {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT log_file, byte_offset, alert_id FROM alert_index ORDER BY id DESC LIMIT 1",
                purpose: "finding the end of the alert index"
            ) { statement throws(StoreError) in
                guard try statement.step() else { return nil }
                return (statement.string(at: 0), statement.int64(at: 1), statement.string(at: 2))
            }
        }
    }
}
