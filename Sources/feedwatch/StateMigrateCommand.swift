import ArgumentParser
import Foundation
import PostgreSQLStore
import SQLiteStore
import Store

/// `feedwatch state migrate --to postgresql://…`: the SQLite state copied
/// into an empty PostgreSQL database, so that a desk can move to a fleet.
struct StateMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite state into an empty PostgreSQL database and compare the counts.",
        discussion: """
            Copies every kind of state (feed states, seen items, the item archive, the alert \
            index with its evidence copies and acknowledgements, the outbox, held digests, \
            mutes, stories, upkeep times) in one PostgreSQL transaction, so that a copy that \
            fails leaves the database empty; then counts each kind on both sides. The monitor \
            must be stopped (exit 75 while it holds the state). A database that holds any \
            feedwatch state already is refused. The password comes from --password-env, or \
            from PGPASSWORD or ~/.pgpass; it is never printed. Exit 0 when every count \
            matches, 1 when one does not (or the copy failed), 65 for a bad URL.
            """)

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("to"), help: "The database: postgresql://user@host:port/database.")
    var url: String

    @Option(help: "The environment variable holding the database password.")
    var passwordEnv: String?

    @Option(help: "Records per batch read from the SQLite state.")
    var batchSize = 1000

    func validate() throws {
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let configuration = try loadConfiguration(common, needing: .state, command: "state migrate")
        guard let path = configuration.settings.state.sqlitePath else {
            printError(
                "feedwatch: state migrate: \(common.config): state is \(configuration.settings.state) already; migrate copies an SQLite state into PostgreSQL"
            )
            throw ExitStatus.badInput
        }
        let password = try self.password()
        try checkURL()
        let source = try openSource(path)
        let destination: PostgreSQLStateStore
        do {
            destination = try PostgreSQLStateStore(url: url, password: password, access: .readWrite)
        } catch {
            printError("feedwatch: state migrate: \(error)")
            throw ExitStatus.failures
        }
        let counts: [StateCopier.KindCount]
        do {
            counts = try StateCopier.copy(
                from: source, into: destination, batchSize: batchSize,
                progress: { kind, written in
                    printError("copied \(written) \(kind.rawValue)")
                })
        } catch .destinationNotEmpty {
            printError(
                "feedwatch: state migrate: \(destination.target) holds feedwatch state already: migrate copies into an empty database only (drop and create it, or choose another)"
            )
            throw ExitStatus.failures
        } catch .store(let error) {
            printError("feedwatch: state migrate: nothing was copied: \(error)")
            throw ExitStatus.failures
        }
        print(Self.table(counts, from: path, into: destination.target))
        let mismatched = counts.filter { $0.source != $0.destination }
        guard mismatched.isEmpty else {
            printError(
                "feedwatch: state migrate: the counts differ for \(mismatched.map(\.kind.rawValue).joined(separator: ", ")): do not switch feeds.conf to \(destination.target)"
            )
            throw ExitStatus.failures
        }
        print("every count matches: set `state = postgresql://…` in feeds.conf to use it")
    }

    /// The password from `--password-env`, or nil for libpq to find one.
    private func password() throws -> String? {
        guard let passwordEnv else { return nil }
        guard let password = ProcessInfo.processInfo.environment[passwordEnv] else {
            printError(
                "feedwatch: state migrate: --password-env \(passwordEnv): the environment has no \(passwordEnv)"
            )
            throw ExitStatus.badInput
        }
        return password
    }

    /// A URL libpq would read as something else (a file name, a keyword
    /// list) is refused before connecting. It is not echoed: it may hold a password.
    private func checkURL() throws {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        guard scheme == "postgresql" || scheme == "postgres", url.contains("://"),
            URLComponents(string: url) != nil
        else {
            printError(
                "feedwatch: state migrate: --to must be a URL of the form postgresql://user@host:port/database"
            )
            throw ExitStatus.badInput
        }
    }

    /// The SQLite state with the monitor's lock: no monitor changes it during the copy.
    private func openSource(_ path: String) throws -> SQLiteStateStore {
        guard FileManager.default.fileExists(atPath: path) else {
            printError("feedwatch: state migrate: no state at \(path) yet: nothing to copy")
            throw ExitStatus.failures
        }
        do {
            return try SQLiteStateStore(path: path, access: .readWrite)
        } catch .locked {
            printError(
                "feedwatch: state migrate: \(path) is locked by a running monitor: stop it first (a copy must be of a state nothing changes)"
            )
            throw ExitStatus.locked
        } catch {
            printError("feedwatch: state migrate: \(error)")
            throw ExitStatus.failures
        }
    }

    /// The counts of each kind on both sides, aligned.
    static func table(_ counts: [StateCopier.KindCount], from path: String, into target: String)
        -> String
    {
        let width = counts.map(\.kind.rawValue.count).max() ?? 0
        let number = { (value: Int) in
            String(repeating: " ", count: max(0, 10 - "\(value)".count)) + "\(value)"
        }
        var lines = [
            "copied \(path) into \(target)",
            "kind".padding(toLength: width, withPad: " ", startingAt: 0)
                + "      sqlite  postgresql",
        ]
        for count in counts {
            let mark = count.source == count.destination ? "" : "  differs"
            lines.append(
                count.kind.rawValue.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + number(count.source) + "  " + number(count.destination) + mark)
        }
        return lines.joined(separator: "\n")
    }
}
