import FeedModel

/// The story an item belongs to. For now every report is its own story,
/// keyed by its link (or id); grouping near-duplicate reports across feeds
/// replaces this with the alerting issue.
enum StoryKey {
    static func of(_ item: Item) -> String {
        "s-" + StableHash.hex128(of: [item.link ?? item.id]).prefix(16)
    }
}
