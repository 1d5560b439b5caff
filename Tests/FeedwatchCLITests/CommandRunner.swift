import Foundation

/// Runs the built `feedwatch` binary, as a user or cron would.
struct CommandRunner {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The binary beside the test bundle in the build folder.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("feedwatch")
    }()

    let folder: URL

    /// Runs the binary to its end; `environment` is added to the test's own.
    func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:])
        throws -> Output
    {
        let process = try start(arguments, environment: environment)
        if let input {
            (process.standardInput as? Pipe)?.fileHandleForWriting.write(Data(input.utf8))
        }
        try (process.standardInput as? Pipe)?.fileHandleForWriting.close()
        return finish(process)
    }

    /// Starts the binary; `standardError`, when given, is a file that receives
    /// its standard error as it is written (then `finish` reports none).
    func start(
        _ arguments: [String], standardError file: URL? = nil, environment: [String: String] = [:]
    ) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        process.standardInput = Pipe()
        process.standardOutput = Pipe()
        if let file {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
            process.standardError = try FileHandle(forWritingTo: file)
        } else {
            process.standardError = Pipe()
        }
        try process.run()
        return process
    }

    func finish(_ process: Process) -> Output {
        let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile()
        let error = (process.standardError as? Pipe)?.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: output ?? Data(), as: UTF8.self),
            standardError: String(decoding: error ?? Data(), as: UTF8.self))
    }
}

/// A folder with feeds.conf, rules/ and a feed, removed at the end.
final class Workspace {
    let folder: URL
    var runner: CommandRunner { CommandRunner(folder: folder) }

    init(feedURL: String = "file:wire.xml") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "feedwatch-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("rules"), withIntermediateDirectories: true)
        try write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [feed wire]
            url = \(feedURL)
            """)
        try write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
            """)
        try write(
            "wire.xml",
            """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>a</guid><title>Khalilur Rehman Haqqani killed in Kabul</title></item>
            <item><guid>b</guid><title>Storm closes airports</title></item>
            </channel></rss>
            """)
    }

    /// A workspace whose rule also notifies a `json` sink, `ops`, at `hook`.
    convenience init(notifying hook: URL) throws {
        try self.init()
        try write(
            "feeds.conf",
            """
            [monitor]
            interval = 10m
            timeout = 5s

            [sink ops]
            url = \(hook)

            [feed wire]
            url = file:wire.xml
            """)
        try write(
            "rules/watch.rules",
            """
            entity "Khalil Haqqani"
              alias "Khalilur Rehman Haqqani"

            rule "Haqqani"
              id haqqani
              severity high
              match @khalil-haqqani
              notify log, ops
            """)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func read(_ name: String) -> String {
        (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
}
