import ArgumentParser
import Configuration
import Foundation

/// feeds.conf for a command that reads only part of it (the review and status
/// commands): problems in the parts it `needs` are exit status 65; problems
/// elsewhere are warnings, each naming its file and line, and the command goes
/// on. `poll`, `run` and `rules check` read the whole file strictly instead.
func loadConfiguration(_ common: CommonOptions, needing needs: ConfigurationNeeds, command: String)
    throws -> ConfigurationFile
{
    try readConfiguration(common).checked(needs, command: command, common)
}

/// feeds.conf read leniently, to be `checked` for what the command needs; exit
/// status 65 when it cannot be read at all.
func readConfiguration(_ common: CommonOptions) throws -> ConfigurationReading {
    do {
        return try ConfigurationReading.read(path: common.config)
    } catch {
        printConfigurationError(error, common)
        throw ExitStatus.badInput
    }
}

/// A feeds.conf's problems; when the file is not there at all, how to name
/// the one to read (a command run from another folder misses it most often).
func printConfigurationError(_ error: ConfigurationError, _ common: CommonOptions) {
    printError(error.description)
    guard !FileManager.default.fileExists(atPath: common.config) else { return }
    printError(
        "feedwatch: name the feeds file with --config FILE; without it, feedwatch reads "
            + "feeds.conf in the current folder (\(FileManager.default.currentDirectoryPath))")
}

extension ConfigurationReading {
    /// The configuration when the parts `needs` read cleanly (else their
    /// problems and exit status 65), with the other problems as warnings.
    func checked(_ needs: ConfigurationNeeds, command: String, _ common: CommonOptions) throws
        -> ConfigurationFile
    {
        let configuration: ConfigurationFile
        do {
            configuration = try self.configuration(needing: needs)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let warnings = warnings(outside: needs)
        for warning in warnings { printError("warning: \(warning)") }
        if !warnings.isEmpty {
            let some = warnings.count == 1 ? "this problem" : "these \(warnings.count) problems"
            printError(
                "feedwatch: \(command): went on despite \(some), in parts of \(common.config) it does not read;"
                    + " poll and run refuse the file until they are fixed")
        }
        return configuration
    }
}

/// What each review and status command reads of feeds.conf.
extension ConfigurationNeeds {
    /// The alert log and its index (`alerts`, `stories`).
    static let alertLog = ConfigurationNeeds.monitor("state", "alert-log")
    /// The feeds' states and when a feed counts as dark (`feeds`); the feeds
    /// themselves are listed as far as they read.
    static let feedHealth = ConfigurationNeeds.monitor("state", "stale-after")
    /// The outbox (`sinks`); the sinks are listed as far as they read.
    static let outbox = ConfigurationNeeds.monitor("state")
    /// The state file alone (`state vacuum`, `backup`).
    static let state = ConfigurationNeeds.monitor("state")
    /// The state file and how long its parts are kept (`state stats`, `prune`).
    static let retention = ConfigurationNeeds.monitor("state", "archive", "forget")
}
