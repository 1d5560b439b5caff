import Foundation

/// One entry of a feed, as published, plus its text reduced for matching.
public struct Item: Sendable, Equatable, Hashable {
    /// Stable identity within its feed: the GUID/id when given, else the
    /// link, else a digest of the content, qualified by the content when
    /// the feed repeats it for other items (`DerivedItemID`, and the parser's
    /// `ItemIdentity` for the rules).
    public var id: String
    public var title: String?
    /// Absolute URL.
    public var link: String?
    /// The summary/description as published (may hold HTML).
    public var summary: String?
    /// The full content as published (may hold HTML).
    public var content: String?
    public var authors: [String]
    public var categories: [String]
    public var published: Date?
    public var updated: Date?
    /// Title, summary and content as plain text: HTML reduced, entities decoded.
    public var text: ItemText

    public init(
        id: String, title: String? = nil, link: String? = nil, summary: String? = nil,
        content: String? = nil, authors: [String] = [], categories: [String] = [],
        published: Date? = nil, updated: Date? = nil, text: ItemText = ItemText()
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.summary = summary
        self.content = content
        self.authors = authors
        self.categories = categories
        self.published = published
        self.updated = updated
        self.text = text
    }
}

/// The plain text of an item's fields: what rules match against.
public struct ItemText: Sendable, Equatable, Hashable, Codable {
    public var title: String
    public var summary: String
    public var content: String

    public init(title: String = "", summary: String = "", content: String = "") {
        self.title = title
        self.summary = summary
        self.content = content
    }

    /// The text of one field.
    public subscript(field: TextField) -> String {
        switch field {
        case .title: title
        case .summary: summary
        case .content: content
        }
    }
}

/// The fields of an item that rules can address (`title:`, `summary:`, `content:`).
public enum TextField: String, Sendable, Codable, CaseIterable, Hashable {
    case title, summary, content
}
