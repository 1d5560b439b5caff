import ArgumentParser
import Foundation
import Monitor
import Store

/// `feedwatch state prune`: retention now, whatever its schedule.
struct StatePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Apply retention now ([monitor] archive and forget) and say what it removed.",
        discussion: """
            `run` applies retention daily and `poll` when a day has passed since the last; this \
            does it at once. An SQLite state must be unlocked: exit 75 while a monitor runs; a \
            PostgreSQL state is pruned beside its running monitors.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        let configuration = try loadConfiguration(
            common, needing: .retention, command: "state prune")
        let store = try StateCommand.openForWriting(configuration, command: "prune")
        let retention = StateRetention(settings: configuration.settings)
        do {
            let result = try store.prune(retention.cutoffs(now: Date()), at: Date())
            print(retention.summary(of: result))
        } catch {
            printError("feedwatch: state prune: \(error)")
            throw ExitStatus.failures
        }
    }
}

/// `feedwatch state vacuum`: the space retention freed, given back to the file system.
struct StateVacuumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum",
        abstract: "Rewrite the state without its free space, and say its size before and after.",
        discussion: """
            Retention frees space inside the file that new rows reuse, so the file stops \
            growing without this; vacuum makes it smaller. It rewrites the whole file (it needs \
            about as much free disk again) and needs the state unlocked: exit 75 while a monitor runs. \
            A PostgreSQL state is rewritten table by table (VACUUM FULL) beside its monitors, which \
            wait for each table meanwhile; the sizes are the database's.
            """)

    @OptionGroup var common: CommonOptions

    func run() throws {
        let configuration = try loadConfiguration(common, needing: .state, command: "state vacuum")
        let store = try StateCommand.openForWriting(configuration, command: "vacuum")
        do {
            let result = try store.vacuum()
            print(
                "\(configuration.settings.state): \(StateStatisticsText.size(result.bytesBefore)) before, \(StateStatisticsText.size(result.bytesAfter)) after"
            )
        } catch {
            printError("feedwatch: state vacuum: \(error)")
            throw ExitStatus.failures
        }
    }
}

/// `feedwatch state backup FILE`: a consistent copy, while a monitor runs.
struct StateBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the state to FILE with SQLite's online backup, while a monitor may run.",
        discussion: """
            The copy is of one moment, a state feedwatch can open (point [monitor] state at it). \
            It appears at FILE only once complete. The alert log is not in it: copy alerts.jsonl \
            and its rotated files too, or rebuild the index from them with `alerts reindex`. \
            A PostgreSQL state is copied with PostgreSQL's own tools (pg_dump), not with this.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Where to write the copy.")
    var file: String

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    func run() throws {
        let configuration = try loadConfiguration(common, needing: .state, command: "state backup")
        if !force && FileManager.default.fileExists(atPath: file) {
            printError("feedwatch: state backup: \(file) exists; pass --force to replace it")
            throw ExitStatus.failures
        }
        let store = try StateCommand.openForReading(configuration, command: "backup")
        do {
            try store.backup(to: file, replacing: force)
        } catch {
            printError("feedwatch: state backup: \(error)")
            throw ExitStatus.failures
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber
        print(
            "\(configuration.settings.state) copied to \(file) (\(StateStatisticsText.size(bytes?.int64Value)))"
        )
    }
}
