import CSQLite
import Foundation
import Store

/// One connection to a SQLite file: the only place, with `SQLiteStatement`, that touches the C API.
///
/// Not thread-safe by itself: `SQLiteStateStore` serializes every use behind its lock.
final class SQLiteDatabase {
    /// How the file is opened.
    enum OpenMode {
        /// Read and write, creating the file when missing.
        case readWriteCreate
        /// Read and write; the file must exist.
        case readWrite
        /// Read only; the file must exist.
        case readOnly
    }

    let path: String
    private let handle: OpaquePointer
    /// Statements kept prepared between uses, by their SQL (`withStatement(reused: true)`).
    private var reusable: [String: OpaquePointer] = [:]

    /// Opens the file at `path`; errors name the file.
    init(path: String, mode: OpenMode, busyTimeout: TimeInterval = 5) throws(StoreError) {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readWrite: flags |= SQLITE_OPEN_READWRITE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard let opened else {
            throw .cannotOpen(path: path, reason: "SQLite could not allocate a connection")
        }
        guard code == SQLITE_OK else {
            let reason = String(cString: sqlite3_errmsg(opened))
            sqlite3_close_v2(opened)
            throw .cannotOpen(path: path, reason: reason)
        }
        handle = opened
        sqlite3_busy_timeout(handle, Int32(busyTimeout * 1000))
    }

    deinit {
        for statement in reusable.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows the caller needs.
    func execute(_ sql: String, purpose: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        let text = message.map { String(cString: $0) }
        sqlite3_free(message)
        if code != SQLITE_OK {
            throw error(code: code, purpose: purpose, detail: text)
        }
    }

    /// Prepares `sql`, hands the statement to `body`, and finalizes it however `body` ends.
    ///
    /// With `reused`, the statement stays prepared for the next call with the
    /// same SQL (reset, its bindings cleared): for the statements every feed
    /// of a pass runs, whose preparing cost as much as running them. Only for
    /// SQL of fixed text, not one made per call.
    func withStatement<Result>(
        _ sql: String, purpose: String, reused: Bool = false,
        _ body: (SQLiteStatement) throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        // Taken out while in use, so that a nested use of the same SQL prepares its own.
        let kept = reused ? reusable.removeValue(forKey: sql) : nil
        let prepared: OpaquePointer
        if let kept { prepared = kept } else { prepared = try prepare(sql, purpose) }
        defer {
            if reused {
                sqlite3_reset(prepared)
                sqlite3_clear_bindings(prepared)
                if let nested = reusable.updateValue(prepared, forKey: sql) {
                    sqlite3_finalize(nested)
                }
            } else {
                sqlite3_finalize(prepared)
            }
        }
        return try body(SQLiteStatement(handle: prepared, database: self, purpose: purpose))
    }

    private func prepare(_ sql: String, _ purpose: String) throws(StoreError) -> OpaquePointer {
        var prepared: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &prepared, nil)
        guard code == SQLITE_OK, let prepared else {
            throw error(code: code, purpose: purpose)
        }
        return prepared
    }

    /// Runs one statement of fixed text that returns no rows, kept prepared between calls.
    func executeReused(_ sql: String, purpose: String) throws(StoreError) {
        try withStatement(sql, purpose: purpose, reused: true) { statement throws(StoreError) in
            try statement.run()
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back when it throws.
    ///
    /// IMMEDIATE takes the write lock up front, so a busy database fails at
    /// BEGIN (after the busy timeout) rather than half-way through.
    func transaction<Result>(
        purpose: String, _ body: () throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        try inTransaction(begin: "BEGIN IMMEDIATE", purpose: purpose, body)
    }

    /// Runs `body` inside one read transaction, so that everything it reads
    /// is of the same moment while a monitor goes on writing (WAL).
    func readTransaction<Result>(
        purpose: String, _ body: () throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        try inTransaction(begin: "BEGIN DEFERRED", purpose: purpose, body)
    }

    private func inTransaction<Result>(
        begin: String, purpose: String, _ body: () throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        try executeReused(begin, purpose: "\(purpose) (begin)")
        do {
            let result = try body()
            try executeReused("COMMIT", purpose: "\(purpose) (commit)")
            return result
        } catch {
            // The original error matters more than a failed rollback.
            try? executeReused("ROLLBACK", purpose: "\(purpose) (rollback)")
            throw error
        }
    }

    /// Copies the whole database into `destination` with SQLite's online
    /// backup, in one step: one read transaction on this side, so the copy is
    /// of one moment however much another connection or process writes
    /// meanwhile (in WAL mode the writer is not held up). Only a lock that
    /// cannot be had at all (another process mid-checkpoint) is waited for.
    func backup(into destination: SQLiteDatabase, purpose: String) throws(StoreError) {
        guard let backup = sqlite3_backup_init(destination.handle, "main", handle, "main") else {
            throw destination.error(code: sqlite3_errcode(destination.handle), purpose: purpose)
        }
        var code = sqlite3_backup_step(backup, -1)
        var waits = 0
        while (code == SQLITE_BUSY || code == SQLITE_LOCKED) && waits < 100 {
            waits += 1
            sqlite3_sleep(50)
            code = sqlite3_backup_step(backup, -1)
        }
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else {
            throw destination.error(
                code: code, purpose: purpose, detail: String(cString: sqlite3_errstr(code)))
        }
        guard finished == SQLITE_OK else {
            throw destination.error(code: finished, purpose: purpose)
        }
    }

    /// The value of an integer pragma, such as `user_version`.
    func integerPragma(_ name: String, purpose: String) throws(StoreError) -> Int {
        try withStatement("PRAGMA \(name)", purpose: purpose) { statement throws(StoreError) in
            try statement.step() ? statement.int(at: 0) : 0
        }
    }

    /// Sets a pragma and returns the text SQLite answers with (`journal_mode` answers the mode in force).
    @discardableResult
    func setPragma(_ name: String, to value: String, purpose: String) throws(StoreError) -> String?
    {
        try withStatement("PRAGMA \(name) = \(value)", purpose: purpose) {
            statement throws(StoreError) in
            try statement.step() ? statement.optionalString(at: 0) : nil
        }
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changedRowCount: Int { Int(sqlite3_changes(handle)) }

    /// A `StoreError` for a failed call, with SQLite's own message.
    func error(code: Int32, purpose: String, detail: String? = nil) -> StoreError {
        let message = detail ?? String(cString: sqlite3_errmsg(handle))
        switch code & 0xff {
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return .corrupt(path: path, reason: "\(purpose): \(message)")
        default:
            return .database(path: path, message: "\(purpose): \(message)")
        }
    }
}
