import ArgumentParser
import Configuration
import Foundation
import Logging
import Monitor
import RuleEngine

/// Loads feeds.conf and the rules, turning their errors into exit status 65
/// with every problem on standard error.
func loadSetup(_ common: CommonOptions) throws -> MonitorSetup {
    do {
        return try MonitorSetup.load(
            configPath: common.config, rulesDirectory: common.rulesDirectory)
    } catch let error as RulesError {
        printError(error.description)
        throw ExitStatus.badInput
    } catch let error as ConfigurationError {
        printError(error.description)
        throw ExitStatus.badInput
    } catch {
        printError("feedwatch: \(error)")
        throw ExitStatus.badInput
    }
}

/// Log lines go to standard error so that standard output stays data.
func makeLogger(label: String) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel =
            ProcessInfo.processInfo.environment["FEEDWATCH_LOG_LEVEL"]
            .flatMap { Logger.Level(rawValue: $0) } ?? .notice
        return handler
    }
    return Logger(label: label)
}
