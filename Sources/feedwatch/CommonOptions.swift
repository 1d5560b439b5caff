import ArgumentParser
import Foundation

/// `--config` and `--rules`, which every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The feeds and sinks file.")
    var config: String = "feeds.conf"

    @Option(name: .long, help: "The folder of *.rules files.")
    var rules: String = "rules"

    var rulesDirectory: URL { URL(fileURLWithPath: rules, isDirectory: true) }
}

/// Exit statuses, as the README lists them.
enum ExitStatus {
    /// Some feeds or checks failed.
    static let failures = ExitCode(1)
    /// The command line was wrong.
    static let usage = ExitCode(64)
    /// The configuration or the rules are wrong.
    static let badInput = ExitCode(65)
    /// The state is locked by a running monitor.
    static let locked = ExitCode(75)
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
