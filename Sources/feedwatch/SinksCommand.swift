import ArgumentParser
import Configuration
import Foundation

/// `feedwatch sinks [list|test NAME]`: the webhook sinks of feeds.conf.
struct SinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sinks", abstract: "List the webhook sinks, or send one a test alert.",
        subcommands: [SinksListCommand.self, SinksTestCommand.self],
        defaultSubcommand: SinksListCommand.self)

    /// Reads feeds.conf alone: the sink commands need no rules, so a rules
    /// typo does not keep anyone from testing a webhook.
    static func loadConfiguration(_ common: CommonOptions) throws -> ConfigurationFile {
        do {
            return try ConfigurationFile.load(path: common.config)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
    }
}
