import AlertLog
import ArgumentParser
import Configuration
import FeedFetcher
import Foundation
import Logging
import Monitor
import RuleEngine
import Store

/// Loads feeds.conf and the rules (compiled once and kept beside the state
/// while they do not change), turning their errors into exit status 65 with
/// every problem on standard error; `logger` hears what the rules cache did.
func loadSetup(_ common: CommonOptions, logger: Logger) throws -> ConfigurationAndRules {
    do {
        let setup = try ConfigurationAndRules.load(
            configPath: common.config, rulesDirectory: common.rulesDirectory,
            programVersion: FeedwatchVersion.build)
        setup.logRulesCache(to: logger)
        return setup
    } catch let error as RulesError {
        printError(error.description)
        throw ExitStatus.badInput
    } catch let error as ConfigurationError {
        printConfigurationError(error, common)
        throw ExitStatus.badInput
    } catch {
        printError("feedwatch: \(error)")
        throw ExitStatus.badInput
    }
}

/// Log lines go to standard error so that standard output stays data; how
/// many of them, `logging` says (`-v`, `-q`, `FEEDWATCH_LOG_LEVEL`).
func makeLogger(label: String, _ logging: LoggingOptions) -> Logger {
    let level = logging.level
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: label)
}

/// Opens the state, taking the lock that keeps a second monitor off an SQLite
/// file (a PostgreSQL state is shared, and takes none), and the alert log. A
/// state in use by another monitor exits 75 (temporary failure), not as a
/// configuration error: it goes away when that monitor stops.
func openMonitorState(_ setup: ConfigurationAndRules) throws -> (any StateStore, AlertLogWriter) {
    do {
        return (
            try StateOpening.forMonitor(setup.state),
            try AlertLogWriter(path: setup.alertLogPath)
        )
    } catch let error as StoreError {
        printError("\(error)")
        if case .locked = error { throw ExitStatus.locked }
        throw ExitStatus.badInput
    } catch {
        printError("\(error)")
        throw ExitStatus.badInput
    }
}

/// The pass `poll` runs and `replay --raise` raises through: the monitor's
/// state (locked), its alert log and a fetcher with the configured options.
func openMonitorPass(
    _ setup: ConfigurationAndRules, logger: Logger,
    onAlert: @escaping (Alert) -> Void = { _ in }
) throws -> PipelinePass {
    let (store, alertLog) = try openMonitorState(setup)
    return PipelinePass(
        configuration: setup.configuration, rules: setup.rules, store: store,
        alertLog: alertLog,
        fetcher: FeedFetcher(
            options: setup.fetchOptions(userAgent: FeedwatchVersion.userAgent),
            sharedHostSlots: StoreHostSlots(store: store, logger: logger)),
        logger: logger, onAlert: onAlert)
}
