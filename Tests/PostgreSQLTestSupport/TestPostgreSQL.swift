import Foundation
import PostgreSQLClient

/// The tests' PostgreSQL: one cluster per test process, started by the first
/// test that asks and removed when the process exits; each test takes a new
/// database of its own on it, so tests running at once never see each other's rows.
public enum TestPostgreSQL {
    /// A new, empty database: its URL and the password to reach it.
    public static func newDatabase() throws -> TestDatabase {
        let cluster = try shared.get()
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let connection = try PostgreSQLConnection(url: cluster.url(), password: cluster.password)
        try connection.execute("CREATE DATABASE \(name)")
        return TestDatabase(cluster: cluster, name: name)
    }

    private static let shared: Result<TemporaryPostgreSQLCluster, ClusterError> = {
        let result = Result { () throws(ClusterError) in try TemporaryPostgreSQLCluster() }
        if case .success = result {
            // The server would outlive the tests otherwise.
            atexit { stopShared() }
        }
        return result
    }()

    private static func stopShared() {
        if case .success(let cluster) = shared { cluster.stop() }
    }
}

/// One database of the tests' cluster.
public struct TestDatabase: Sendable {
    public let cluster: TemporaryPostgreSQLCluster
    public let name: String

    /// The URL, without the password (as feeds.conf holds it).
    public var url: String { cluster.url(database: name) }
    public var password: String { cluster.password }

    /// A new connection to the database.
    public func connect() throws(PostgreSQLError) -> PostgreSQLConnection {
        try PostgreSQLConnection(url: url, password: password)
    }
}
