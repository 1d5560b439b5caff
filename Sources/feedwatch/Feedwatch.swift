import ArgumentParser
import FeedParser
import Foundation

/// The command line: it parses arguments and wires the modules together; the
/// behaviour lives in the modules.
@main
struct Feedwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watch news feeds for the people, groups and incidents on your watchlist.",
        version: FeedwatchVersion.current,
        subcommands: [
            ParseCommand.self,
            RulesCommand.self,
            RunCommand.self,
            PollCommand.self,
            AlertsCommand.self,
            StoriesCommand.self,
            FeedsCommand.self,
            ReplayCommand.self,
            SinksCommand.self,
            MuteCommand.self,
            MutesCommand.self,
            UnmuteCommand.self,
            StateCommand.self,
        ]
    )
}

extension Feedwatch {
    /// A receiver or server that hangs up mid-write must not kill the monitor:
    /// the write fails with EPIPE instead, and is reported like any failure.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        HeapRetention.keepFreedHeapBetweenDocuments()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

enum FeedwatchVersion {
    static let current = "0.1.0"
    static let userAgent = "feedwatch/\(current) (+https://github.com/feedwatch/feedwatch)"

    /// The version and this build of it, which key the compiled rules kept
    /// beside the state: a rebuilt binary (whose normalizer or compiler may
    /// have changed under the same version) never reads rules another build
    /// compiled. The executable's size and modification time tell builds apart;
    /// when they cannot be read, a value of its own each run (nothing is reused).
    static let build: String = {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber,
            let modified = attributes[.modificationDate] as? Date
        else {
            return "\(current) \(UUID().uuidString)"
        }
        return "\(current) \(size.int64Value) \(modified.timeIntervalSince1970)"
    }()
}
