import SQLiteStore
import Store

/// The state the behaviour suites test, seen through the `Store` protocols
/// only, so that they say what any backend must do: today the SQLite store.
enum StoreUnderTest {
    /// A store at `path`, created when missing, open for writing.
    static func open(_ path: String) throws -> any StateStore {
        try SQLiteStateStore(path: path)
    }
}
