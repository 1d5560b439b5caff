/// Which items of each feed were seen, and in which version: what keeps an
/// item from alerting twice, and lets an edited item be read again.
///
/// Items are marked seen only in a `PassCommit`, after their alerts are in
/// the log; the archive of their text (`ItemArchive`) is written with them.
public protocol SeenItemStore: Sendable {
    /// The items of `feed` seen so far: item id → content hash.
    func seenItems(feed: String) throws(StoreError) -> [String: String]
}
