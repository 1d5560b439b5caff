import Configuration
import FeedFetcher
import Foundation
import RuleEngine
import Store

/// `feeds.conf` and the rules, loaded and checked against each other:
/// everything a pass needs, with every problem reported as the error of the
/// stage it belongs to.
public struct ConfigurationAndRules {
    public var configuration: ConfigurationFile
    public var rules: RuleSet

    /// Reads and validates the configuration and the rules together, so that
    /// a rule naming a sink the configuration lacks is caught before a pass.
    public static func load(configPath: String, rulesDirectory: URL) throws -> ConfigurationAndRules
    {
        let configuration = try ConfigurationFile.load(path: configPath)
        let sinks = Set(configuration.sinks.map(\.name))
        let rules = try RuleSet.load(directory: rulesDirectory, knownSinks: sinks)
        return ConfigurationAndRules(configuration: configuration, rules: rules)
    }

    /// The state database named by `[monitor] state` (absolute once loaded).
    public var statePath: String { configuration.settings.statePath }

    /// The alert log named by `[monitor] alert-log` (absolute once loaded).
    public var alertLogPath: String { configuration.settings.alertLogPath }

    /// Fetch limits from `[monitor]`.
    public func fetchOptions(userAgent: String) -> FetchOptions {
        let settings = configuration.settings
        return FetchOptions(
            concurrency: settings.concurrency, timeout: settings.timeout, maxSize: settings.maxSize,
            userAgent: userAgent)
    }
}
