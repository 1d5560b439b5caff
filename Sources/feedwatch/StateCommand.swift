import ArgumentParser
import Configuration
import Foundation
import Store

/// `feedwatch state …`: the state database's size, retention, vacuum and
/// backup. None of them loads the rules.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Look after the state database: its size, retention, vacuum, backup, migration.",
        subcommands: [
            StateStatsCommand.self, StatePruneCommand.self, StateVacuumCommand.self,
            StateBackupCommand.self, StateMigrateCommand.self,
        ])

    /// The state for reading beside a running monitor; exit 1 when there is none yet.
    static func openForReading(_ configuration: ConfigurationFile, command: String) throws
        -> any StateStore
    {
        let state = configuration.settings.state
        do {
            guard let store = try StateOpening.forReview(state) else {
                printError("feedwatch: state \(command): no state at \(state) yet: poll first")
                throw ExitStatus.failures
            }
            return store
        } catch let error as StoreError {
            printError("feedwatch: state \(command): \(error)")
            throw ExitStatus.failures
        }
    }

    /// The state as the monitor opens it, for the commands that change it:
    /// an SQLite file with the monitor's lock (exit 75 while a monitor holds
    /// it); a shared database beside its running monitors.
    static func openForWriting(_ configuration: ConfigurationFile, command: String) throws
        -> any StateStore
    {
        let state = configuration.settings.state
        let exists: Bool
        do {
            exists = try StateOpening.exists(state)
        } catch {
            printError("feedwatch: state \(command): \(error)")
            throw ExitStatus.failures
        }
        guard exists else {
            printError("feedwatch: state \(command): no state at \(state) yet: poll first")
            throw ExitStatus.failures
        }
        do {
            return try StateOpening.forMonitor(state)
        } catch .locked {
            printError(
                "feedwatch: state \(command): \(state) is locked by a running monitor; stop it first, or leave retention to it (run prunes daily)"
            )
            throw ExitStatus.locked
        } catch {
            printError("feedwatch: state \(command): \(error)")
            throw ExitStatus.failures
        }
    }
}

/// `feedwatch state stats [--json]`: rows and bytes per kind of state.
struct StateStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Rows and bytes per kind of state, and the file's size.",
        discussion: "Reads the state beside a running monitor, taking no lock.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "One JSON object.")
    var json = false

    func run() throws {
        let configuration = try loadConfiguration(
            common, needing: .retention, command: "state stats")
        let store = try StateCommand.openForReading(configuration, command: "stats")
        let statistics: StateStatistics
        do {
            statistics = try store.statistics()
        } catch {
            printError("feedwatch: state stats: \(error)")
            throw ExitStatus.failures
        }
        if json {
            print(StateStatisticsText.json(statistics))
        } else {
            print(StateStatisticsText.table(statistics))
        }
    }
}
