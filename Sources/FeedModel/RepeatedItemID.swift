import Foundation

/// The id of an item whose guid or link its feed gives to other items too:
/// that id (the *base*), `#h:`, and a digest of the item's content, so that
/// the id does not depend on where the item stands in the feed.
///
/// The parser makes these ids; the monitor reads the base back when it
/// meets an id it has not seen, to recognise an item it knew under the base
/// alone or under an older position-based id (`news#3`).
public enum RepeatedItemID {
    static let marker = "#h:"

    /// The id of an item whose base id repeats, told apart by `digest`.
    public static func make(base: String, digest: String) -> String {
        base + marker + digest
    }

    /// The base id of `id`: what precedes the last `#h:`, or `id` itself.
    public static func base(of id: String) -> String {
        guard let range = id.range(of: marker, options: .backwards) else { return id }
        return String(id[..<range.lowerBound])
    }

    /// Whether `other` is `base` itself or an id made from it, by this
    /// scheme or an older one (`base#1`, `base#<link>`).
    public static func isVariant(_ other: String, of base: String) -> Bool {
        other == base || (other.count > base.count && other.hasPrefix(base + "#"))
    }
}
