import PostgreSQLStore
import PostgreSQLTestSupport
import SQLiteStore
import Store
import Testing

/// The state the behaviour suites test, seen through the `Store` protocols
/// only, so that they say what any backend must do.
enum StoreUnderTest {
    /// A store at `path`, created when missing, open for writing.
    static func open(_ path: String) throws -> any StateStore {
        try SQLiteStateStore(path: path)
    }
}

/// Every concern of the state but its upkeep by hand (`StateMaintenance`):
/// what every backend implements so far.
typealias ContractStore = FeedStateStore & SeenItemStore & ItemArchive & AlertIndexStore
    & AlertEvidenceStore & AlertAcknowledgementStore & DeliveryOutbox & DigestQueue & MuteStore
    & StoryStore & PassCommitStore & StatePruning

/// The backends the contract suites run against.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// A new SQLite file in a temporary folder.
    case sqlite
    /// A new database on the tests' throwaway PostgreSQL cluster.
    case postgreSQL

    var testDescription: String { rawValue }
}

/// A new, empty store of one backend, for one test; `remove()` removes its file.
struct FreshStore {
    let store: any ContractStore
    private let folder: TemporaryFolder?

    init(_ backend: StoreBackend) throws {
        switch backend {
        case .sqlite:
            let folder = try TemporaryFolder()
            self.folder = folder
            store = try SQLiteStateStore(path: folder.path("feedwatch.db"))
        case .postgreSQL:
            folder = nil
            let database = try TestPostgreSQL.newDatabase()
            store = try PostgreSQLStateStore(url: database.url, password: database.password)
        }
    }

    func remove() {
        folder?.remove()
    }
}
