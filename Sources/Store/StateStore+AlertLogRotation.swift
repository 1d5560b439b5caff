import Foundation

/// Keeping the alert index's file references right when the log rotates.
extension StateStore {
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

    /// Where the last indexed line of `logFile` starts, or nil when none is:
    /// lines past it are in the log but not the index (a crash between the
    /// two writes), and the monitor indexes them before alerting again.
    public func lastIndexedOffset(inLogFile logFile: String) throws(StoreError) -> Int64? {
        let purpose = "finding the end of the index in \(logFile)"
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT max(byte_offset) FROM alert_index WHERE log_file = ?", purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(logFile, at: 1)
                guard try statement.step(), !statement.isNull(at: 0) else { return nil }
                return statement.int64(at: 0)
            }
        }
    }
}
