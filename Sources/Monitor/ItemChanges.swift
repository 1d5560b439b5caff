import FeedModel

/// Which items of a freshly parsed feed need the rules: the ones never seen,
/// and the ones whose text changed since they were seen (a developing story
/// whose update now names a watchlisted person).
struct ItemChanges {
    var new: [Item] = []
    var changed: [Item] = []
    /// Items seen before under another id. An item whose guid or link the
    /// feed repeats gets an id from its content (`DerivedItemID`), where
    /// earlier versions gave it one by position (`news#3`); it gets one when
    /// another item comes to share its guid, and loses it when that item
    /// goes. An id from the same base with the same text is the same item:
    /// recorded under its new id, never run through the rules again.
    var renamed: [Item] = []
    var unchanged = 0
    /// The content hash of each item recorded, by id.
    private var hashes: [String: String] = [:]

    var needingRules: [Item] { new + changed }
    /// What the pass records as seen, with its content hash.
    var toRecord: [(item: Item, hash: String)] {
        (new + changed + renamed).map { ($0, hashes[$0.id] ?? ContentHash.of($0)) }
    }

    init(items hashed: HashedFeed, seen: [String: String]) {
        var idsInThisFeed = Set<String>()
        // Items whose id is unseen, or seen with another text: new or
        // changed, unless their text was seen under another id of their base.
        var candidates: [(item: Item, hash: String, isSeen: Bool)] = []
        for (item, hash) in zip(hashed.feed.items, hashed.contentHashes) {
            // A feed that repeats an id lists one item twice: the first wins.
            guard idsInThisFeed.insert(item.id).inserted else { continue }
            switch seen[item.id] {
            case nil: candidates.append((item, hash, false))
            case hash: unchanged += 1
            default: candidates.append((item, hash, true))
            }
        }
        guard !candidates.isEmpty else { return }
        // One look over the seen items for the candidates' texts.
        let candidateHashes = Set(candidates.map(\.hash))
        var seenIDsByHash: [String: [String]] = [:]
        for (id, hash) in seen where candidateHashes.contains(hash) {
            seenIDsByHash[hash, default: []].append(id)
        }
        for (item, hash, isSeen) in candidates {
            hashes[item.id] = hash
            // The base is looked for only when the text was seen: a first
            // contact, every item new, needs none.
            let seenBefore = seenIDsByHash[hash].map { ids in
                let base = DerivedItemID.base(of: item.id)
                return ids.contains { $0 != item.id && DerivedItemID.isVariant($0, of: base) }
            }
            if seenBefore == true {
                renamed.append(item)
            } else if isSeen {
                changed.append(item)
            } else {
                new.append(item)
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
