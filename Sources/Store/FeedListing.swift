import Foundation

/// The items a feed's body listed when it was read: the ones still in the
/// feed. Retention forgets a seen item only once it has been absent from its
/// feed for `forget`, so an item that stays in a feed never alerts again.
///
/// Only a body that was read and parsed says which items are in the feed; a
/// 304 or a failure changes nothing, and the items listed last stay present.
public struct FeedListing: Sendable, Equatable {
    /// The ids of every item in the body, new, changed or unchanged.
    public var itemIDs: [String]
    /// When the body was read: a seen item missing from it is absent since then.
    public var readAt: Date

    public init(itemIDs: [String], readAt: Date) {
        self.itemIDs = itemIDs
        self.readAt = readAt
    }
}
