import FeedModel
import Foundation
import Store

/// feedwatch's state in one SQLite file: feed HTTP and health state, seen
/// items, the item archive, the webhook outbox, the alert index and stories;
/// every protocol of `StateStore`, each in a file of its own.
///
/// A read-write store holds an exclusive lock on the database file for its
/// whole life (`StateFileLock`), so a second monitor on the same state is refused instead of
/// corrupting it; a read-only store takes no lock and can sit beside a running
/// monitor. Every method is safe to call from any thread: calls are serialized.
public final class SQLiteStateStore: StateStore, @unchecked Sendable {
    /// The database file.
    public let path: String
    public let access: StoreAccess

    /// Checkpoints the write-ahead log beside the monitor's writer; nil for
    /// read-only and side-write stores, which start no thread.
    let checkpointer: WALCheckpointer?
    let database: SQLiteDatabase
    // Held only for its lifetime: deinit releases the lock. Declared after
    // `database`, so the connection is closed before the lock's descriptor.
    private let fileLock: StateFileLock?
    // @unchecked Sendable is sound because every use of `database` goes through this lock.
    private let serializer = NSLock()

    /// Opens (creating and migrating) the database at `path`, and takes the
    /// lock that keeps a second monitor off the same state.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, access: .readWrite)
    }

    /// Opens the database at `path`.
    ///
    /// `.readWrite` creates the folder and file when missing, takes the lock
    /// and migrates the schema. `.readOnly` needs an existing, migrated file
    /// and takes no lock.
    public init(path: String, access: StoreAccess) throws(StoreError) {
        self.path = path
        self.access = access
        // SQLite would take an empty path as a private temporary database and lose everything.
        guard !path.isEmpty else {
            throw .cannotOpen(path: path, reason: "the state path is empty")
        }
        switch access {
        case .readWrite:
            try Self.createParentDirectory(of: path)
            fileLock = try StateFileLock(databasePath: path)
            database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
            try Self.configureForWriting(database)
            try SchemaMigrations.migrate(database)
            // Without a second connection, SQLite's own checkpoint in the commits does the work.
            checkpointer = try? WALCheckpointer(path: path)
            if checkpointer != nil {
                try database.execute(
                    "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages)",
                    purpose: "leaving checkpoints to their own thread")
            }
        case .readOnly, .sideWrites:
            guard FileManager.default.fileExists(atPath: path) else {
                throw .cannotOpen(
                    path: path, reason: "no state database yet (no monitor has run on it)")
            }
            fileLock = nil
            // A side writer's few commits (a mute beside a running monitor)
            // are checkpointed by SQLite itself, or by the monitor's thread.
            checkpointer = nil
            let writes = access == .sideWrites
            database = try SQLiteDatabase(path: path, mode: writes ? .readWrite : .readOnly)
            try Self.checkReadableSchema(database)
            if writes {
                try database.execute("PRAGMA foreign_keys = ON", purpose: "enabling foreign keys")
            }
        }
    }

    deinit {
        // Its connection closes first: the writer's, closing last, copies
        // what remains of the log and deletes it.
        checkpointer?.stop()
    }

    private static func createParentDirectory(of path: String) throws(StoreError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(
                path: path,
                reason: "cannot create folder \(folder.path): \(error.localizedDescription)")
        }
    }

    /// WAL lets readers (`feedwatch feeds`) run beside the monitor. NORMAL sync
    /// is enough even for the outbox: in WAL mode a power cut can only lose the
    /// newest transactions, never reorder them. An outbox row committed with
    /// (or before) the commit that marks its items seen is therefore never
    /// lost while that commit survives; at worst both are lost, and the items
    /// are processed again under the same stable alert ids.
    private static func configureForWriting(_ database: SQLiteDatabase) throws(StoreError) {
        // Reading the schema version first turns a garbage file into a clear error early.
        _ = try database.integerPragma("user_version", purpose: "reading the schema version")
        let mode = try database.setPragma(
            "journal_mode", to: "WAL", purpose: "switching to WAL mode")
        guard mode?.lowercased() == "wal" else {
            throw .database(
                path: database.path,
                message: "switching to WAL mode: SQLite kept \(mode ?? "no") journal mode")
        }
        try database.execute("PRAGMA synchronous = NORMAL", purpose: "setting synchronous mode")
        try database.execute("PRAGMA foreign_keys = ON", purpose: "enabling foreign keys")
    }

    private static func checkReadableSchema(_ database: SQLiteDatabase) throws(StoreError) {
        let version = try database.integerPragma(
            "user_version", purpose: "reading the schema version")
        if version > SchemaMigrations.latestVersion {
            throw .newerSchema(
                path: database.path, found: version, supported: SchemaMigrations.latestVersion)
        }
        if version < SchemaMigrations.latestVersion {
            throw .cannotOpen(
                path: database.path,
                reason:
                    "schema version \(version) is older than \(SchemaMigrations.latestVersion): run the monitor once to upgrade it"
            )
        }
    }

    /// Runs `body` with exclusive use of the connection.
    func serialized<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError) -> Result {
        serializer.lock()
        defer { serializer.unlock() }
        return try body()
    }

    /// Like `serialized`, inside one write transaction.
    func writing<Result>(
        purpose: String, _ body: () throws(StoreError) -> Result
    ) throws(StoreError) -> Result {
        try serialized { () throws(StoreError) in
            guard access != .readOnly else {
                throw StoreError.database(
                    path: path, message: "\(purpose): the store was opened read-only")
            }
            let result = try database.transaction(purpose: purpose, body)
            checkpointer?.noteCommit()
            return result
        }
    }
}
