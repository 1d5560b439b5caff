import CSQLite
import Foundation
import Store

/// A prepared statement, alive only inside `SQLiteDatabase.withStatement`.
///
/// Parameters and columns are numbered as in SQL: parameters from 1, columns
/// from 0. Dates are stored as REAL seconds since 2001-01-01 UTC, Foundation's
/// own reference date, because that is the only form a `Date` round-trips
/// through exactly: converting to Unix seconds and back changes the last bit
/// about half the time, and a saved `FeedState` would no longer equal itself.
/// In `sqlite3`, `datetime(column + 978307200, 'unixepoch')` shows them.
struct SQLiteStatement {
    fileprivate let handle: OpaquePointer
    let database: SQLiteDatabase
    let purpose: String

    init(handle: OpaquePointer, database: SQLiteDatabase, purpose: String) {
        self.handle = handle
        self.database = database
        self.purpose = purpose
    }

    // MARK: Running

    /// Advances one row: true when a row is ready to read, false when done.
    func step() throws(StoreError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code: code, purpose: purpose)
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws(StoreError) {
        while try step() {}
    }

    /// Makes the statement ready to run again with new bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Every row, each read by `row`.
    func rows<Row>(_ row: (SQLiteStatement) throws(StoreError) -> Row) throws(StoreError) -> [Row] {
        var result: [Row] = []
        while try step() {
            result.append(try row(self))
        }
        return result
    }

    // MARK: Binding

    func bind(_ value: Int?, at index: Int32) throws(StoreError) {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_int64(handle, index, Int64(value)))
    }

    func bind(_ value: Int64?, at index: Int32) throws(StoreError) {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Double?, at index: Int32) throws(StoreError) {
        guard let value else { return try bindNull(at: index) }
        try check(sqlite3_bind_double(handle, index, value))
    }

    func bind(_ value: String?, at index: Int32) throws(StoreError) {
        guard let value else { return try bindNull(at: index) }
        // TRANSIENT makes SQLite copy the bytes, which only live during this call.
        try check(sqlite3_bind_text(handle, index, value, -1, feedwatch_sqlite_transient()))
    }

    func bind(_ value: Data?, at index: Int32) throws(StoreError) {
        guard let value else { return try bindNull(at: index) }
        let code = value.withUnsafeBytes { bytes in
            // A zero-length blob still needs a non-nil pointer, or SQLite stores NULL.
            sqlite3_bind_blob64(
                handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                sqlite3_uint64(bytes.count), feedwatch_sqlite_transient())
        }
        try check(code)
    }

    func bind(_ value: Date?, at index: Int32) throws(StoreError) {
        try bind(value?.timeIntervalSinceReferenceDate, at: index)
    }

    func bindNull(at index: Int32) throws(StoreError) {
        try check(sqlite3_bind_null(handle, index))
    }

    private func check(_ code: Int32) throws(StoreError) {
        if code != SQLITE_OK {
            throw database.error(code: code, purpose: "\(purpose) (binding)")
        }
    }

    // MARK: Reading columns

    func isNull(at column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int(at column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func int64(at column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt(at column: Int32) -> Int? {
        isNull(at: column) ? nil : int(at: column)
    }

    func double(at column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    func string(at column: Int32) -> String {
        optionalString(at: column) ?? ""
    }

    func optionalString(at column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        // The byte count keeps text with an embedded NUL whole.
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeRawBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func data(at column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let bytes = sqlite3_column_blob(handle, column), count > 0 else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    func date(at column: Int32) -> Date {
        Date(timeIntervalSinceReferenceDate: double(at: column))
    }

    func optionalDate(at column: Int32) -> Date? {
        isNull(at: column) ? nil : date(at: column)
    }
}
