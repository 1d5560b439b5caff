import Foundation

/// A `[feed NAME]` section.
public struct FeedConfiguration: Sendable, Equatable {
    public var name: String
    /// http(s), or an absolute `file://` URL (relative paths are resolved at load).
    public var url: URL
    /// Overrides `[monitor] interval` for this feed.
    public var interval: TimeInterval?
    public var tags: [String]
    /// The line of the section header, for messages.
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

    /// The interval this feed is polled at, given the monitor's default.
    public func effectiveInterval(default monitorInterval: TimeInterval) -> TimeInterval {
        interval ?? monitorInterval
    }
}
