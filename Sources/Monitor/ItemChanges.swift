import FeedModel

/// Which items of a freshly parsed feed need the rules: the ones never seen,
/// and the ones whose text changed since they were seen (a developing story
/// whose update now names a watchlisted person).
struct ItemChanges {
    var new: [Item] = []
    var changed: [Item] = []
    var unchanged = 0

    var needingRules: [Item] { new + changed }

    init(items: [Item], seen: [String: String]) {
        var idsInThisFeed = Set<String>()
        for item in items {
            // A feed that repeats an id lists one item twice: the first wins.
            guard idsInThisFeed.insert(item.id).inserted else { continue }
            switch seen[item.id] {
            case nil: new.append(item)
            case ContentHash.of(item): unchanged += 1
            default: changed.append(item)
            }
        }
    }
}

/// The hash that tells a changed item from an unchanged one: over the text
/// rules read, so a tracking parameter added to a link does not re-run them.
enum ContentHash {
    static func of(_ item: Item) -> String {
        StableHash.hex128(of: [item.text.title, item.text.summary, item.text.content])
    }
}
