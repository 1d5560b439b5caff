import Foundation

/// A `[feed NAME]` section.
public struct FeedConfiguration: Sendable, Equatable {
    public var name: String
    /// http(s), or an absolute `file://` URL (relative paths are resolved at load).
    public var url: URL
    /// Overrides `[monitor] interval` for this feed.
    public var interval: TimeInterval?
    public var tags: [String]
    /// How this feed is requested and judged, where it differs from `[monitor]`.
    public var settings: FeedSettings
    /// The file and the line of the section header, for messages.
    public var file: String
    public var line: Int

    public init(
        name: String, url: URL, interval: TimeInterval? = nil, tags: [String] = [],
        settings: FeedSettings = FeedSettings(), file: String = "feeds.conf", line: Int = 0
    ) {
        self.name = name
        self.url = url
        self.interval = interval
        self.tags = tags
        self.settings = settings
        self.file = file
        self.line = line
    }

    /// The interval this feed is polled at, given the monitor's default.
    public func effectiveInterval(default monitorInterval: TimeInterval) -> TimeInterval {
        interval ?? monitorInterval
    }

    /// How long this feed may fail or stay silent before it counts as dark.
    public func effectiveStaleAfter(_ monitor: MonitorSection) -> TimeInterval {
        settings.staleAfter ?? monitor.staleAfter
    }

    /// The sinks that hear this feed's feed-health alerts; empty when they are off.
    public func effectiveHealthNotify(_ monitor: MonitorSection) -> [String] {
        settings.healthNotify ?? monitor.healthNotify
    }

    /// The header fields to send, with `env:NAME` values read from `environment`
    /// now (a changed variable needs no reload). An unset or empty variable is
    /// an error at this section's line that names the variable, never a value.
    public func resolvedHeaders(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        for header in settings.headers {
            fields.append(
                (
                    header.name,
                    try resolved(
                        header.value, key: "header \(header.name)", environment: environment)
                ))
        }
        return fields
    }

    /// The basic-auth login with its password read like a header's value; nil without `user`.
    public func resolvedLogin(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> (user: String, password: String)? {
        guard let login = settings.login else { return nil }
        let password = try resolved(login.password, key: "password", environment: environment)
        return (login.user, password)
    }

    private func resolved(
        _ value: SecretValue, key: String, environment: [String: String]
    ) throws(ConfigurationError) -> String {
        if let found = value.value(in: environment) { return found }
        throw ConfigurationError(
            file: file, line: line,
            message:
                "feed '\(name)': \(key) names environment variable \(value.variable ?? ""), which is not set"
        )
    }
}
