import Foundation
import PostgreSQLClient

/// A PostgreSQL server of its own for the tests: a cluster made by `initdb`
/// in a temporary folder, its server listening on 127.0.0.1 only (no Unix
/// socket, so nothing clashes with a system server), stopped and removed by
/// `stop()`.
///
/// PostgreSQL refuses to run as root, and CI runs as root: then the cluster
/// belongs to the `postgres` user that Debian's package creates, and its
/// programs run through `runuser`.
///
/// The server runs in the foreground, as a child of the tests, rather than
/// through `pg_ctl start`: a daemon would inherit the descriptor by which
/// Foundation learns that a child has ended, and `pg_ctl` would never seem to end.
public final class TemporaryPostgreSQLCluster: @unchecked Sendable {
    /// The superuser the cluster is made with.
    public static let user = "feedwatch"
    public let port: Int
    /// What the server asks for (scram-sha-256), so that tests pass a password as users do.
    public let password: String
    let folder: URL
    let programs: PostgreSQLPrograms
    // @unchecked Sendable: `server` is only waited on, once, by `stop()`.
    private let server: Process

    /// Makes and starts a cluster; a port that turns out taken is retried with another.
    public init() throws(ClusterError) {
        let programs = try PostgreSQLPrograms.find()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-postgresql-\(UUID().uuidString)", isDirectory: true)
        let password = UUID().uuidString
        do {
            try Self.initialize(folder, password: password, programs: programs)
            (server, port) = try Self.start(folder, password: password, programs: programs)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.programs = programs
        self.folder = folder
        self.password = password
    }

    /// The URL of `database` on this cluster, without the password.
    public func url(database: String = "postgres") -> String {
        Self.url(port: port, database: database)
    }

    /// Stops the server at once (its data is thrown away) and removes the folder.
    public func stop() {
        _ = try? programs.run(
            "pg_ctl", ["-D", Self.dataFolder(in: folder).path, "-m", "immediate", "-w", "stop"])
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    static func url(port: Int, database: String) -> String {
        "postgresql://\(user)@127.0.0.1:\(port)/\(database)"
    }

    static func dataFolder(in folder: URL) -> URL { folder.appendingPathComponent("data") }

    private static func initialize(
        _ folder: URL, password: String, programs: PostgreSQLPrograms
    ) throws(ClusterError) {
        let passwordFile = folder.appendingPathComponent("password")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(password.utf8).write(to: passwordFile)
        } catch {
            throw .cannotPrepare(folder: folder.path, reason: error.localizedDescription)
        }
        try programs.handOver(folder)
        try programs.run(
            "initdb",
            [
                "-D", dataFolder(in: folder).path, "-U", user, "--auth=scram-sha-256",
                "--pwfile=\(passwordFile.path)", "-E", "UTF8", "--locale=C", "--no-sync",
            ])
    }

    /// Starts the server on a free port and waits until it takes connections;
    /// a port that turns out taken (the server exits) is retried with another.
    private static func start(_ folder: URL, password: String, programs: PostgreSQLPrograms)
        throws(ClusterError) -> (Process, Int)
    {
        let log = folder.appendingPathComponent("server.log")
        var lastFailure = ClusterError.commandFailed(command: "postgres", output: "")
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...60_000)
            // fsync off: the cluster is thrown away, and tests should not wait on the disk.
            let server = try programs.start(
                "postgres",
                [
                    "-D", dataFolder(in: folder).path, "-p", "\(port)",
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                    "-c", "fsync=off",
                ], output: log)
            if waitUntilReady(
                server, url: url(port: port, database: "postgres"), password: password)
            {
                return (server, port)
            }
            server.waitUntilExit()
            lastFailure = .commandFailed(
                command: "postgres on port \(port)",
                output: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        throw lastFailure
    }

    /// Whether the server came to take connections before it exited (or a minute passed).
    private static func waitUntilReady(_ server: Process, url: String, password: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while server.isRunning && Date() < deadline {
            if (try? PostgreSQLConnection(url: url, password: password)) != nil { return true }
            // The server is still starting: there is nothing to wait on but time.
            Thread.sleep(forTimeInterval: 0.05)
        }
        if server.isRunning { server.terminate() }
        return false
    }
}

/// Why a test cluster could not be made or started.
public enum ClusterError: Error, CustomStringConvertible {
    case noServer(searched: String)
    case cannotPrepare(folder: String, reason: String)
    case commandFailed(command: String, output: String)

    public var description: String {
        switch self {
        case .noServer(let searched):
            "no PostgreSQL server programs in \(searched): install Debian's postgresql (make deps)"
        case .cannotPrepare(let folder, let reason): "cannot prepare \(folder): \(reason)"
        case .commandFailed(let command, let output): "\(command) failed: \(output)"
        }
    }
}
