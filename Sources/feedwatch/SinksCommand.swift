import ArgumentParser
import Configuration
import Foundation

/// `feedwatch sinks [list|test NAME]`: the webhook sinks of feeds.conf.
struct SinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sinks", abstract: "List the webhook sinks, or send one a test alert.",
        subcommands: [SinksListCommand.self, SinksTestCommand.self],
        defaultSubcommand: SinksListCommand.self)

    /// The sink called `name` in `configuration`, or exit status 64 naming the defined ones.
    static func sink(
        named name: String, in configuration: ConfigurationFile, _ common: CommonOptions
    )
        throws -> SinkConfiguration
    {
        guard let sink = configuration.sink(named: name) else {
            let names = configuration.sinks.map(\.name)
            printError(
                "feedwatch: sinks: no sink '\(name)' in \(common.config)"
                    + (names.isEmpty ? "" : " (defined: \(names.joined(separator: ", ")))"))
            throw ExitStatus.usage
        }
        return sink
    }
}
