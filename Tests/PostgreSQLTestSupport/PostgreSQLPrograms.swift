import Foundation

/// The server's programs (`initdb`, `pg_ctl`) of the newest PostgreSQL
/// installed in Debian's layout, run as the `postgres` user when the tests
/// run as root.
struct PostgreSQLPrograms: Sendable {
    static let root = "/usr/lib/postgresql"
    let folder: URL
    let asPostgresUser: Bool

    static func find() throws(ClusterError) -> PostgreSQLPrograms {
        let versions =
            (try? FileManager.default.contentsOfDirectory(atPath: root))?
            .compactMap(Int.init)
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            ?? []
        guard let newest = versions.max() else { throw .noServer(searched: root) }
        return PostgreSQLPrograms(
            folder: URL(fileURLWithPath: "\(root)/\(newest)/bin"), asPostgresUser: geteuid() == 0)
    }

    /// Gives `folder` to the user the server runs as.
    func handOver(_ folder: URL) throws(ClusterError) {
        guard asPostgresUser else { return }
        try runProgram(
            URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres:postgres", folder.path])
    }

    /// Runs one of the server's programs to its end; its output is the error when it fails.
    @discardableResult
    func run(_ program: String, _ arguments: [String]) throws(ClusterError) -> String {
        let (executable, fullArguments) = invocation(program, arguments)
        return try runProgram(executable, fullArguments)
    }

    /// Starts one of the server's programs and leaves it running, its output going to `output`.
    func start(_ program: String, _ arguments: [String], output: URL) throws(ClusterError)
        -> Process
    {
        let (executable, fullArguments) = invocation(program, arguments)
        let process = Process()
        process.executableURL = executable
        process.arguments = fullArguments
        do {
            guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output.path])
            }
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            try handle.close()
        } catch {
            throw .commandFailed(command: program, output: error.localizedDescription)
        }
        return process
    }

    /// The executable and arguments that run `program`, through runuser when root.
    private func invocation(_ program: String, _ arguments: [String]) -> (URL, [String]) {
        let executable = folder.appendingPathComponent(program)
        guard asPostgresUser else { return (executable, arguments) }
        return (
            URL(fileURLWithPath: "/usr/sbin/runuser"),
            ["-u", "postgres", "--", executable.path] + arguments
        )
    }

    @discardableResult
    private func runProgram(_ executable: URL, _ arguments: [String]) throws(ClusterError)
        -> String
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-postgresql-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let name = executable.lastPathComponent
        do {
            guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: outputFile.path])
            }
            let output = try FileHandle(forWritingTo: outputFile)
            defer { try? output.close() }
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        } catch {
            throw .commandFailed(command: name, output: error.localizedDescription)
        }
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw .commandFailed(command: ([name] + arguments).joined(separator: " "), output: text)
        }
        return text
    }
}
