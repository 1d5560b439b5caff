import ArgumentParser
import Foundation
import Logging

/// `-v` and `-q`, for the commands that log as they work (`poll`, `run`,
/// `replay`): how much they say on standard error. `FEEDWATCH_LOG_LEVEL`
/// sets the same for those three commands, which refuse a name that is not a
/// level; a flag wins over it. The other commands log nothing, so they
/// neither read the variable nor refuse it.
struct LoggingOptions: ParsableArguments {
    static let environmentVariable = "FEEDWATCH_LOG_LEVEL"

    @Flag(
        name: [.customShort("v"), .long],
        help:
            "Say more: each transfer (URL, status, bytes, time, conditional hit) and each feed's outcome."
    )
    var verbose = false

    @Flag(
        name: [.customShort("q"), .long],
        help: "Say only errors: no progress line, no summary.")
    var quiet = false

    func validate() throws {
        if verbose && quiet { throw ValidationError("-v and -q contradict each other: give one") }
        // Refused even when a flag wins: a misspelt name in a unit file
        // would otherwise go unnoticed until the flag is dropped.
        _ = try Self.environmentLevel()
    }

    /// What is logged: `-v` debug, `-q` error, else `FEEDWATCH_LOG_LEVEL`, else notice.
    var level: Logger.Level {
        if verbose { return .debug }
        if quiet { return .error }
        return (try? Self.environmentLevel()) ?? .notice
    }

    /// Whether progress and the summary line are shown (not under `-q`, or a
    /// level that leaves out notices).
    var showsSummary: Bool { level <= .notice }

    /// The level `FEEDWATCH_LOG_LEVEL` names, nil when it is not set; a name
    /// that is not a level is a usage error that lists the names.
    static func environmentLevel() throws -> Logger.Level? {
        guard let name = ProcessInfo.processInfo.environment[environmentVariable], !name.isEmpty
        else { return nil }
        guard let level = Logger.Level(rawValue: name.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError(
                "\(environmentVariable)=\(name) is not a log level; use one of \(names)")
        }
        return level
    }
}
