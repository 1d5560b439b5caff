import Foundation

/// `feeds.conf`, read and validated: its `[monitor]` section, the webhook
/// sinks and the feeds.
///
/// `load` validates everything and reports every problem at once; a running
/// monitor that fails to reload keeps the configuration it has.
public struct ConfigurationFile: Sendable, Equatable {
    /// The sink every configuration has: the alert log itself.
    public static let logSinkName = "log"

    /// The folder of the file: relative paths inside it resolve from here.
    public var directory: URL
    /// The `[monitor]` section.
    public var settings: MonitorSection
    public var sinks: [SinkConfiguration]
    /// The feeds to poll, in file order.
    public var feeds: [FeedConfiguration]
    /// Feeds written with `enabled = no`: listed, never polled.
    public var disabledFeeds: [FeedConfiguration]

    public init(
        directory: URL, settings: MonitorSection = MonitorSection(),
        sinks: [SinkConfiguration] = [], feeds: [FeedConfiguration] = [],
        disabledFeeds: [FeedConfiguration] = []
    ) {
        self.directory = directory
        self.settings = settings
        self.sinks = sinks
        self.feeds = feeds
        self.disabledFeeds = disabledFeeds
    }

    /// Reads and validates `feeds.conf` at `path`, every part of it (see
    /// `ConfigurationReading` for commands that need only some). Messages name
    /// the path as given.
    public static func load(path: String) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationReading.read(path: path).configuration(needing: .everything)
    }

    /// Validates configuration text; relative paths resolve against `directory`.
    public static func parse(
        text: String, file: String, directory: URL
    ) throws(ConfigurationError) -> ConfigurationFile {
        try ConfigurationReading.parse(text: text, file: file, directory: directory)
            .configuration(needing: .everything)
    }

    /// The sink called `name`, if feeds.conf defines it (`log` is not a webhook and has none).
    public func sink(named name: String) -> SinkConfiguration? {
        sinks.first { $0.name == name }
    }

    /// The enabled feed called `name`.
    public func feed(named name: String) -> FeedConfiguration? {
        feeds.first { $0.name == name }
    }

    /// Checks that every sink named elsewhere (rules' `notify NAME`) is
    /// defined here, or is `log`; throws one problem per undefined reference,
    /// located where the reference is written.
    public func validateSinkReferences(_ references: [SinkReference]) throws(ConfigurationError) {
        let defined = [Self.logSinkName] + sinks.map(\.name)
        let problems = references.filter { !defined.contains($0.name) }.map { reference in
            ConfigurationProblem(
                file: reference.file, line: reference.line,
                message: "notifies sink '\(reference.name)', which feeds.conf does not define"
                    + " (defined: \(defined.joined(separator: ", ")))")
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}
