import Foundation
import PostgreSQLClient
import Store

/// feedwatch's state in a PostgreSQL database that several monitors share
/// (`state = postgresql://…`): the same concerns as the SQLite store, each in
/// a file of its own, with keys that make two processes committing the same
/// work store it once, and leases that hand each due feed to one of them.
///
/// Unlike the SQLite store it takes no lock of the whole state: sharing it is
/// the point. Every method is safe to call from any thread: calls on the
/// store's one connection are serialized.
public final class PostgreSQLStateStore: StateStore, @unchecked Sendable {
    /// Who and where: user@host:port/database (never the password), for messages.
    public let target: String
    public let access: StoreAccess
    // @unchecked Sendable is sound because every use of `connection` goes through this lock.
    let serializer = NSLock()
    let connection: PostgreSQLConnection
    /// Whether `connection` holds the story placement lock; touched only inside `run`.
    var holdsStoryPlacement = false
    /// This process's slots of the per-host cap, on a connection of their own.
    let hostSlots: PostgreSQLHostSlots

    /// Connects to the database `url` names, with `password` (or what libpq
    /// finds: `PGPASSWORD`, `~/.pgpass`). `.readWrite` creates and migrates
    /// the schema; the other modes need a database a monitor has migrated
    /// (`existing` tells a database no monitor has used yet from a refusal).
    public convenience init(url: String, password: String? = nil, access: StoreAccess = .readWrite)
        throws(StoreError)
    {
        try self.init(
            connection: Self.connect(url: url, password: password), url: url, password: password,
            access: access)
        try prepare()
    }

    /// A store on `connection`, made from `url` and `password`, which the
    /// host slots' own connection is opened with when first needed.
    init(connection: PostgreSQLConnection, url: String, password: String?, access: StoreAccess) {
        self.connection = connection
        self.access = access
        hostSlots = PostgreSQLHostSlots(url: url, password: password)
        target = connection.target
    }

    static func connect(url: String, password: String?) throws(StoreError)
        -> PostgreSQLConnection
    {
        do {
            return try PostgreSQLConnection(url: url, password: password)
        } catch {
            let place: String
            if case .cannotConnect(let target, _) = error {
                place = target
            } else {
                place = "PostgreSQL"
            }
            throw .cannotOpen(path: place, reason: error.description)
        }
    }

    /// Migrates the schema (`.readWrite`) or checks it is current, and makes a
    /// read-only store's connection refuse writes.
    func prepare() throws(StoreError) {
        switch access {
        case .readWrite: try PostgreSQLSchema.migrate(self)
        case .readOnly, .sideWrites: try PostgreSQLSchema.checkCurrent(self)
        }
        if access == .readOnly {
            try run("making the connection read-only") { () throws(PostgreSQLError) in
                try connection.execute("SET default_transaction_read_only = on")
            }
        }
    }

    /// Runs `body` with exclusive use of the connection; a PostgreSQL error
    /// becomes a `StoreError` naming `purpose`.
    @discardableResult
    func run<Result>(_ purpose: String, _ body: () throws(PostgreSQLError) -> Result)
        throws(StoreError) -> Result
    {
        serializer.lock()
        defer { serializer.unlock() }
        do {
            return try body()
        } catch {
            throw storeError(error, purpose: purpose)
        }
    }

    /// Like `run`, inside one transaction: all of `body` is stored or none.
    @discardableResult
    func writing<Result>(_ purpose: String, _ body: () throws(PostgreSQLError) -> Result)
        throws(StoreError) -> Result
    {
        guard access != .readOnly else {
            throw .database(path: target, message: "\(purpose): the store was opened read-only")
        }
        return try run(purpose) { () throws(PostgreSQLError) in
            try connection.transaction(body)
        }
    }

    /// Rows `sql` returns, read by `read`, for a query outside any transaction.
    func query<Value>(
        _ purpose: String, _ sql: String, _ parameters: [PostgreSQLValue] = [],
        read: (PostgreSQLRow) throws(PostgreSQLError) -> Value
    ) throws(StoreError) -> [Value] {
        try run(purpose) { () throws(PostgreSQLError) in
            var values: [Value] = []
            for row in try connection.execute(sql, parameters) { values.append(try read(row)) }
            return values
        }
    }

    func storeError(_ error: PostgreSQLError, purpose: String) -> StoreError {
        switch error {
        case .unexpectedValue: .invalidData(path: target, message: "\(purpose): \(error)")
        default: .database(path: target, message: "\(purpose): \(error)")
        }
    }
}
