import Foundation

/// The text of the items seen, kept so that `feedwatch replay` can run
/// edited rules over past news. Written with the seen items, in a `PassCommit`.
public protocol ItemArchive: Sendable {
    /// Archived items first seen at or after `since`, oldest first.
    func archivedItems(since: Date) throws(StoreError) -> [ArchivedItem]

    /// The archived text of one item, or nil when it was never archived or has been pruned.
    func archivedItem(feed: String, itemID: String) throws(StoreError) -> ArchivedItem?

    /// Deletes archived texts first seen before `date`; the items stay seen,
    /// so nothing alerts again. Returns how many were deleted.
    @discardableResult
    func pruneArchive(before date: Date) throws(StoreError) -> Int
}
