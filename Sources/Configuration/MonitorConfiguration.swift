import Foundation

/// `feeds.conf`: the monitor settings, the webhook sinks and the feeds.
///
/// (Interface fixed by the foundation issue; full validation lands with the monitor issue.)
public struct MonitorConfiguration: Sendable, Equatable {
    /// The folder of the file: relative paths inside it resolve from here.
    public var directory: URL
    public var settings: MonitorSettings
    public var sinks: [SinkConfiguration]
    public var feeds: [FeedConfiguration]

    public init(
        directory: URL, settings: MonitorSettings = MonitorSettings(),
        sinks: [SinkConfiguration] = [], feeds: [FeedConfiguration] = []
    ) {
        self.directory = directory
        self.settings = settings
        self.sinks = sinks
        self.feeds = feeds
    }

    /// Reads and validates `feeds.conf` at `path`.
    public static func load(path: String) throws(ConfigurationError) -> MonitorConfiguration {
        throw ConfigurationError(file: path, line: 0, message: "not implemented yet")
    }
}

/// The `[monitor]` section.
public struct MonitorSettings: Sendable, Equatable {
    public var statePath: String = "state/feedwatch.db"
    public var alertLogPath: String = "alerts.jsonl"
    public var interval: TimeInterval = 600
    public var concurrency: Int = 16
    public var timeout: TimeInterval = 30
    public var maxSize: Int = 10 * 1024 * 1024
    public var staleAfter: TimeInterval = 24 * 3600
    public var healthNotify: [String] = ["log"]

    public init() {}
}

/// A `[sink NAME]` section: a webhook.
public struct SinkConfiguration: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable { case json, slack, discord }
    public var name: String
    public var url: URL
    public var format: Format
    /// Where the HMAC secret comes from, as written (`env:NAME` or literal).
    public var secret: String?
    public var line: Int

    public init(
        name: String, url: URL, format: Format = .json, secret: String? = nil, line: Int = 0
    ) {
        self.name = name
        self.url = url
        self.format = format
        self.secret = secret
        self.line = line
    }
}

/// A `[feed NAME]` section.
public struct FeedConfiguration: Sendable, Equatable {
    public var name: String
    public var url: URL
    /// Overrides `[monitor] interval` for this feed.
    public var interval: TimeInterval?
    public var tags: [String]
    public var line: Int

    public init(
        name: String, url: URL, interval: TimeInterval? = nil, tags: [String] = [], line: Int = 0
    ) {
        self.name = name
        self.url = url
        self.interval = interval
        self.tags = tags
        self.line = line
    }
}

/// A problem in feeds.conf, as `feeds.conf:LINE: message`.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): config: \(message)" }
}
