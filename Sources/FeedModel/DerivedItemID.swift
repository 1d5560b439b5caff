import Foundation

/// Item ids the parser derives from an item's content, where the publisher
/// gives nothing that identifies the item:
///
/// - `hash:` and a digest of its title, date and first words, for an item
///   with no guid and no link;
/// - a *base* id (the guid, link or `hash:` id), `#h:`, and a digest of the
///   item's content, for an item whose base id the feed gives to other,
///   differing items too.
///
/// The parser makes these ids; the monitor reads them back when it meets an
/// id it has not seen, to recognise an item it knew under another id: the
/// base alone, an older position-based id (`news#3`), or an older digest.
public enum DerivedItemID {
    static let qualifier = "#h:"
    static let contentPrefix = "hash:"

    /// The id of an item identified by its content alone.
    public static func content(digest: String) -> String {
        contentPrefix + digest
    }

    /// The id of an item whose base id repeats, told apart by `digest`.
    public static func qualified(base: String, digest: String) -> String {
        base + qualifier + digest
    }

    /// The base id of `id`: what precedes the last `#h:`, or `id` itself.
    public static func base(of id: String) -> String {
        guard let range = id.range(of: qualifier, options: .backwards) else { return id }
        return String(id[..<range.lowerBound])
    }

    /// Whether `other` may be an id the same item had before, when its base
    /// id is `base`: the base itself, or an id made from it by this scheme or
    /// an older one (`base#1`, `base#<link>`); for a base made from content
    /// alone, any other such id (whose digest an older version made otherwise).
    public static func isVariant(_ other: String, of base: String) -> Bool {
        if base.hasPrefix(contentPrefix) { return other.hasPrefix(contentPrefix) }
        return other == base || (other.count > base.count && other.hasPrefix(base + "#"))
    }
}
