import Foundation

/// A parsed feed: what every stage after the parser sees of a document.
public struct Feed: Sendable, Equatable {
    public var format: FeedFormat
    public var title: String?
    /// The site's address, absolute where the feed allowed resolving it.
    public var link: String?
    public var description: String?
    public var updated: Date?
    /// How long the publisher asks readers to wait between polls
    /// (RSS `<ttl>`, `sy:updatePeriod`/`sy:updateFrequency`), when it says.
    public var suggestedInterval: TimeInterval?
    public var items: [Item]
    /// What recovery the parser had to do (ill-formed XML, a wrong charset…):
    /// the feed is usable, but its publisher has a problem.
    public var warnings: [String]

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, description: String? = nil,
        updated: Date? = nil, suggestedInterval: TimeInterval? = nil, items: [Item] = [],
        warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.description = description
        self.updated = updated
        self.suggestedInterval = suggestedInterval
        self.items = items
        self.warnings = warnings
    }
}
