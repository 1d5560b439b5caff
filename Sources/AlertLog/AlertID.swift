import FeedModel

/// Stable identifiers derived from content, the same on every machine and run
/// (Swift's `Hasher` is seeded per process, so it cannot serve here).
public enum AlertID {
    /// The id of the alert that `rule` raises on item `itemID` of `feed`.
    public static func make(rule: String, feed: String, itemID: String) -> String {
        StableHash.hex128(of: [rule, feed, itemID])
    }
}
