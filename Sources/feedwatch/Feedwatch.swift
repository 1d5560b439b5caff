import ArgumentParser
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
        ]
    )
}

extension Feedwatch {
    /// A receiver or server that hangs up mid-write must not kill the monitor:
    /// the write fails with EPIPE instead, and is reported like any failure.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
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
}
