import FeedModel
import Foundation

/// The stable identity of an item within its feed.
///
/// Each item first gets a *base* id from what the publisher gives, in order:
/// the guid or Atom id, else RSS 1.0's `rdf:about`, else the link, else
/// (nothing given) `hash:` and a digest of its title, date and the first
/// words of its text. When a feed gives one base id to items that differ
/// (one guid for every item, or no guid and one link for several), the base
/// does not identify them, and each gets the base qualified by a digest of
/// its content (`DerivedItemID`): its link, title, the first words of its
/// text and its date. That id stays the same when items are added, removed
/// or moved, since it depends on the item alone. Items agreeing on all of
/// those but differing elsewhere are told apart by a digest of every field;
/// items identical in every field are one item and share their id.
enum ItemIdentity {
    /// Words of an item's text that its digests take: enough to tell apart
    /// items with one title ("Live updates"), few enough that an edit further
    /// down does not make the item a new one.
    static let wordsInDigest = 16

    /// The base id from what the publisher gives, or nil when it gives
    /// nothing: then `contentID` is the base.
    static func publishedID(guid: String?, resourceIdentifier: String?, link: String?) -> String? {
        // 1. The publisher's own identifier (RSS guid, Atom id): it is what
        //    the publisher promises to keep stable, even when links change.
        if let guid = guid?.trimmedWhitespace(), !guid.isEmpty {
            return guid
        }
        // 2. RSS 1.0's rdf:about names the item's resource; it is usually
        //    the link, but it is what RSS 1.0 documents use as identity.
        if let resource = resourceIdentifier, !resource.isEmpty {
            return resource
        }
        // 3. The link: one page is one story, for most publishers.
        if let link, !link.isEmpty {
            return link
        }
        return nil
    }

    /// 4. Nothing given: the item is what it says, its title, date as
    ///    written and first words, so that it hashes alike on every poll.
    static func contentID(_ item: Item, date: String?) -> String {
        DerivedItemID.content(
            digest: fnv1a64Hex(
                [item.text.title, date ?? "", firstWords(item)].joined(separator: "\u{1F}")))
    }

    /// The ids of `items`, whose base ids they carry, with every base that
    /// stands for differing items qualified as the type's comment says.
    /// `dates` are the items' dates as written.
    static func disambiguate(_ items: [Item], dates: [String?]) -> [String] {
        var ids = items.map(\.id)
        // Most feeds give each item a base of its own: then there is nothing
        // to qualify, found without a list of positions for every base.
        var seen = Set<String>(minimumCapacity: ids.count)
        if ids.allSatisfy({ seen.insert($0).inserted }) { return ids }
        var positionsByBase: [String: [Int]] = [:]
        for (position, item) in items.enumerated() {
            positionsByBase[item.id, default: []].append(position)
        }
        for (base, positions) in positionsByBase where positions.count > 1 {
            let whole = positions.map { wholeDigest(items[$0], date: dates[$0]) }
            // Copies of one item are that item: its base id is enough.
            guard Set(whole).count > 1 else { continue }
            let short = positions.map { shortDigest(items[$0], base: base, date: dates[$0]) }
            var wholeByShort: [String: Set<String>] = [:]
            for (short, whole) in zip(short, whole) {
                wholeByShort[short, default: []].insert(whole)
            }
            for (index, position) in positions.enumerated() {
                let isAmbiguous = (wholeByShort[short[index]]?.count ?? 0) > 1
                ids[position] = DerivedItemID.qualified(
                    base: base, digest: isAmbiguous ? whole[index] : short[index])
            }
        }
        return ids
    }

    /// Link (unless it is the base), title, first words of the text, date.
    private static func shortDigest(_ item: Item, base: String, date: String?) -> String {
        let link = item.link == base ? "" : item.link ?? ""
        return fnv1a64Hex(
            [link, item.text.title, firstWords(item), date ?? ""].joined(separator: "\u{1F}"))
    }

    /// The first words of the summary's text, or of the content's when there is no summary.
    private static func firstWords(_ item: Item) -> String {
        let text = item.text.summary.isEmpty ? item.text.content : item.text.summary
        return text.split(whereSeparator: \.isWhitespace).prefix(wordsInDigest).joined(
            separator: " ")
    }

    /// Every field of the item.
    private static func wholeDigest(_ item: Item, date: String?) -> String {
        let fields: [String] = [
            item.link ?? "", item.title ?? "", item.summary ?? "", item.content ?? "",
            item.authors.joined(separator: "\u{1E}"), item.categories.joined(separator: "\u{1E}"),
            date ?? "", item.published.map { "\($0.timeIntervalSince1970)" } ?? "",
            item.updated.map { "\($0.timeIntervalSince1970)" } ?? "",
        ]
        return fnv1a64Hex(fields.joined(separator: "\u{1F}"))
    }

    /// FNV-1a, 64 bits, as hex: stable across runs and platforms, unlike `Hasher`.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
