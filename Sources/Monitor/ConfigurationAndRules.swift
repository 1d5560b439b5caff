import Configuration
import FeedFetcher
import Foundation
import Logging
import RuleEngine
import Store

/// `feeds.conf` and the rules, loaded and checked against each other:
/// everything a pass needs, with every problem reported as the error of the
/// stage it belongs to.
public struct ConfigurationAndRules {
    public var configuration: ConfigurationFile
    public var rules: RuleSet
    /// Where the compiled rules are kept, and what loading them did; nil
    /// when the rules were compiled without a cache.
    public var rulesCache: (cache: CompiledRulesCache, outcome: CompiledRulesCache.Outcome)?

    /// Reads and validates the configuration and the rules together, so that
    /// a rule naming a sink the configuration lacks is caught before a pass.
    ///
    /// With `programVersion`, the compiled rules are kept beside the state
    /// (`CompiledRulesCache`, keyed by the rules and that version) and loaded
    /// from there while the rules do not change; without, they are compiled.
    public static func load(configPath: String, rulesDirectory: URL, programVersion: String? = nil)
        throws -> ConfigurationAndRules
    {
        let configuration = try ConfigurationFile.load(path: configPath)
        let sinks = Set(configuration.sinks.map(\.name))
        guard let programVersion else {
            let rules = try RuleSet.load(directory: rulesDirectory, knownSinks: sinks)
            return ConfigurationAndRules(configuration: configuration, rules: rules)
        }
        let cache = rulesCache(of: configuration, programVersion: programVersion)
        let (rules, outcome) = try RuleSet.load(
            directory: rulesDirectory, knownSinks: sinks, cache: cache)
        return ConfigurationAndRules(
            configuration: configuration, rules: rules, rulesCache: (cache, outcome))
    }

    /// Where the compiled rules are kept: beside an SQLite state
    /// (`<state>.compiled-rules`); for a database, which holds no files, in the
    /// `state` folder beside feeds.conf (`state/postgresql.compiled-rules`),
    /// one per host, as each host compiles its own copy of the rules.
    static func rulesCache(of configuration: ConfigurationFile, programVersion: String)
        -> CompiledRulesCache
    {
        switch configuration.settings.state {
        case .sqliteFile(let path):
            return CompiledRulesCache(besideState: path, programVersion: programVersion)
        case .postgreSQL:
            let path = configuration.directory.appendingPathComponent(
                "state/postgresql.compiled-rules"
            ).path
            return CompiledRulesCache(path: path, programVersion: programVersion)
        }
    }

    /// The state named by `[monitor] state` (a file's path is absolute once loaded).
    public var state: StateLocation { configuration.settings.state }

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

extension ConfigurationAndRules {
    /// Says what loading the rules through the cache did: a notice when the
    /// cache was damaged or cannot be written, an info line otherwise.
    public func logRulesCache(to logger: Logger) {
        guard let (cache, outcome) = rulesCache else { return }
        let message = Logger.Message(stringLiteral: outcome.message(cachePath: cache.path))
        if outcome.isNotable {
            logger.notice(message)
        } else {
            logger.info(message)
        }
    }
}
