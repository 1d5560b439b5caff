import ArgumentParser

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
            FeedsCommand.self,
            SinksCommand.self,
        ]
    )
}

enum FeedwatchVersion {
    static let current = "0.1.0"
    static let userAgent = "feedwatch/\(current) (+https://github.com/feedwatch/feedwatch)"
}
