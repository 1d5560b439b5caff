/// A failure of the state. Messages start with `store:` and name where the
/// state is (`path`: the SQLite file, for the SQLite store).
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// The state (its file, or the file's folder) could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// Another monitor holds the state's lock.
    case locked(path: String)
    /// The database failed while doing `message` (which names what was being done).
    case database(path: String, message: String)
    /// The state is not a feedwatch database, or it is damaged.
    case corrupt(path: String, reason: String)
    /// The database was written by a newer feedwatch whose schema this one does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The database holds a value this program cannot read back (for example an unknown status).
    case invalidData(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "store: cannot open \(path): \(reason)"
        case .locked(let path):
            "store: \(path) is in use by another feedwatch (only one monitor may use a state file)"
        case .database(let path, let message): "store: \(path): \(message)"
        case .corrupt(let path, let reason):
            "store: \(path) is not a usable feedwatch state database (\(reason)); move it aside to start afresh"
        case .newerSchema(let path, let found, let supported):
            "store: \(path) has schema version \(found), but this feedwatch understands up to \(supported): upgrade feedwatch"
        case .invalidData(let path, let message): "store: \(path): \(message)"
        }
    }
}
