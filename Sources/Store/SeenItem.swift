import FeedModel
import Foundation

/// An item to record as seen, with what the archive keeps of it.
public struct SeenItem: Sendable, Equatable {
    public var item: Item
    /// A hash of the item's content: a different hash later means the item changed.
    public var contentHash: String
    public var firstSeen: Date

    public init(item: Item, contentHash: String, firstSeen: Date) {
        self.item = item
        self.contentHash = contentHash
        self.firstSeen = firstSeen
    }
}

/// An item from the archive, with the feed it came from.
public struct ArchivedItem: Sendable, Equatable {
    public var feed: String
    public var item: Item
    /// When the item was first recorded; kept when a later version replaces its text.
    public var firstSeen: Date

    public init(feed: String, item: Item, firstSeen: Date) {
        self.feed = feed
        self.item = item
        self.firstSeen = firstSeen
    }
}
