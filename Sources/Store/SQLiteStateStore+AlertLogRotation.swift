import Foundation

/// Keeping the alert index's file references right when the log rotates.
extension SQLiteStateStore {
    /// The live log file `old` was renamed `new`: entries pointing into it follow.
    public func moveAlertIndexEntries(fromLogFile old: String, toLogFile new: String)
        throws(StoreError)
    {
        let purpose = "moving index entries from \(old) to \(new)"
        try writing(purpose: purpose) { () throws(StoreError) in
            try database.withStatement(
                "UPDATE alert_index SET log_file = ? WHERE log_file = ?", purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(new, at: 1)
                try statement.bind(old, at: 2)
                try statement.run()
            }
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
}
