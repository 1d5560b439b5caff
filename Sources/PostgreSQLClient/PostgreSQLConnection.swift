import CLibPQ
import Foundation

/// One connection to a PostgreSQL server through libpq: statements with typed
/// parameters, their rows copied into Swift values, and transactions. The one
/// place feedwatch touches libpq.
///
/// A connection is used by one thread at a time; a store that shares it
/// between threads serializes its calls.
public final class PostgreSQLConnection {
    /// Who and where, for messages: user@host:port/database, never the password.
    public let target: String
    let handle: OpaquePointer

    /// Connects to the database `url` names (`postgresql://user@host:port/database`,
    /// with any parameters libpq takes, TLS among them). The password is
    /// `password` when given, otherwise whatever libpq finds itself
    /// (`PGPASSWORD`, `~/.pgpass`).
    public init(url: String, password: String? = nil) throws(PostgreSQLError) {
        var keywords = ["dbname", "fallback_application_name"]
        var values = [url, "feedwatch"]
        // After the URL: with expand_dbname, later keywords override what it set.
        if let password {
            keywords.append("password")
            values.append(password)
        }
        guard let handle = Self.connect(keywords: keywords, values: values) else {
            throw .cannotConnect(target: "the server", message: "libpq is out of memory")
        }
        self.handle = handle
        target = Self.describeTarget(handle)
        // Every property is set: deinit finishes the handle when this throws.
        guard PQstatus(handle) == CONNECTION_OK else {
            throw .cannotConnect(target: target, message: Self.errorMessage(handle))
        }
        // Notices (an index that already exists, a truncated identifier) are
        // for people at psql; without this libpq prints them on standard error.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        PQfinish(handle)
    }

    /// Whether the connection to the server broke; `reconnect` tries it again.
    public var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Connects again with the same settings, after the server went away.
    public func reconnect() throws(PostgreSQLError) {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw .cannotConnect(target: target, message: Self.errorMessage(handle))
        }
    }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, … and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgreSQLValue] = [])
        throws(PostgreSQLError) -> PostgreSQLRows
    {
        var buffers: [UnsafeMutablePointer<CChar>?] = []
        defer { buffers.forEach { $0?.deallocate() } }
        var lengths: [Int32] = []
        for (index, parameter) in parameters.enumerated() {
            guard let bytes = parameter.wireBytes else {
                buffers.append(nil)
                lengths.append(0)
                continue
            }
            // libpq reads a text parameter up to its first NUL.
            if !parameter.isBinary && bytes.contains(0) {
                throw .unsendableText(parameter: index + 1)
            }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (offset, byte) in bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
            buffer[bytes.count] = 0
            buffers.append(buffer)
            lengths.append(Int32(bytes.count))
        }
        let values = buffers.map { $0.map { UnsafePointer($0) } }
        let types = parameters.map(\.typeOID)
        let formats = parameters.map { Int32($0.isBinary ? 1 : 0) }
        let result = PQexecParams(
            handle, sql, Int32(parameters.count), types, values, lengths, formats, 0)
        return try rows(of: result)
    }

    /// Runs several statements separated by semicolons, without parameters
    /// (a schema migration); they form one transaction unless they say otherwise.
    public func executeScript(_ sql: String) throws(PostgreSQLError) {
        try rows(of: PQexec(handle, sql))
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back
    /// when it throws (its error is rethrown) or when the commit fails
    /// (`failure` turns that into the body's type of error).
    @discardableResult
    public func transaction<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result, failure: (PostgreSQLError) -> Failure
    ) throws(Failure) -> Result {
        do { try execute("BEGIN") } catch { throw failure(error) }
        let result: Result
        do {
            result = try body()
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        do {
            try commit()
        } catch {
            _ = try? execute("ROLLBACK")
            throw failure(error)
        }
        return result
    }

    /// `transaction` for a body that throws only PostgreSQL's errors.
    @discardableResult
    public func transaction<Result>(_ body: () throws(PostgreSQLError) -> Result)
        throws(PostgreSQLError) -> Result
    {
        try transaction(body, failure: { $0 })
    }

    /// Commits; a transaction an error aborted answers COMMIT with ROLLBACK,
    /// not with an error, and that is turned into one.
    private func commit() throws(PostgreSQLError) {
        guard let result = PQexec(handle, "COMMIT") else {
            throw .connection(message: Self.errorMessage(handle))
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw Self.failure(of: result, on: handle)
        }
        guard PQcmdStatus(result).map({ String(cString: $0) }) == "COMMIT" else {
            throw .server(
                sqlState: "25P02",
                message: "the transaction was rolled back: a statement in it failed earlier",
                detail: nil)
        }
    }

    @discardableResult
    private func rows(of result: OpaquePointer?) throws(PostgreSQLError) -> PostgreSQLRows {
        guard let result else { throw .connection(message: Self.errorMessage(handle)) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY
        else { throw Self.failure(of: result, on: handle) }
        let columnCount = PQnfields(result)
        let columns = (0..<columnCount).map { column in
            PQfname(result, column).map { String(cString: $0) } ?? "column \(column + 1)"
        }
        let values = (0..<PQntuples(result)).map { row in
            (0..<columnCount).map { column -> String? in
                guard PQgetisnull(result, row, column) == 0,
                    let text = PQgetvalue(result, row, column)
                else { return nil }
                return String(cString: text)
            }
        }
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgreSQLRows(columns: columns, values: values, affectedRowCount: affected)
    }

    /// The error a failed result carries: the server's, with its SQLSTATE,
    /// or the connection's when the server never answered.
    private static func failure(of result: OpaquePointer, on handle: OpaquePointer)
        -> PostgreSQLError
    {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        guard let state = field(feedwatch_pq_diag_sqlstate()) else {
            let message = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
            return .connection(
                message: trimmed(message.isEmpty ? errorMessage(handle) : message))
        }
        return .server(
            sqlState: state, message: field(feedwatch_pq_diag_message_primary()) ?? "",
            detail: field(feedwatch_pq_diag_message_detail()))
    }

    private static func connect(keywords: [String], values: [String]) -> OpaquePointer? {
        let keywordCopies = keywords.map { strdup($0) }
        let valueCopies = values.map { strdup($0) }
        defer { (keywordCopies + valueCopies).forEach { free($0) } }
        // Both lists end with NULL, as libpq expects.
        let keywordList = keywordCopies.map { $0.map { UnsafePointer($0) } } + [nil]
        let valueList = valueCopies.map { $0.map { UnsafePointer($0) } } + [nil]
        return PQconnectdbParams(keywordList, valueList, 1)
    }

    private static func describeTarget(_ handle: OpaquePointer) -> String {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String {
            value.map { String(cString: $0) } ?? ""
        }
        let user = text(PQuser(handle))
        return (user.isEmpty ? "" : user + "@") + text(PQhost(handle)) + ":" + text(PQport(handle))
            + "/" + text(PQdb(handle))
    }

    static func errorMessage(_ handle: OpaquePointer) -> String {
        trimmed(PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error")
    }

    private static func trimmed(_ message: String) -> String {
        message.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
