import Foundation

/// Makes links absolute against the base in force (`xml:base`, the feed's
/// address), leaving them as written when that is impossible.
enum URLResolver {
    /// The absolute form of `reference`, or nil when it is empty.
    static func resolve(_ reference: String, against base: URL?) -> String? {
        let trimmed = reference.trimmedWhitespace()
        guard !trimmed.isEmpty else { return base?.absoluteString }
        // Most links are already absolute: no URL parsing for them.
        if startsWithWebScheme(trimmed) { return trimmed }
        guard let base else { return trimmed }
        if let absolute = URL(string: trimmed, relativeTo: base)?.absoluteURL.absoluteString {
            return absolute
        }
        // Spaces and other junk: encode and try once more.
        let encoded = trimmed.addingPercentEncoding(
            withAllowedCharacters: .urlFragmentAllowed.union(["#", "%"]))
        return encoded.flatMap { URL(string: $0, relativeTo: base)?.absoluteURL.absoluteString }
            ?? trimmed
    }

    /// `hasPrefix("http://") || hasPrefix("https://")`, on bytes where that
    /// says the same: when an ASCII byte (or nothing) follows the prefix, no
    /// combining mark can join its last character, which would make
    /// `hasPrefix`, comparing characters, say no.
    private static func startsWithWebScheme(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        for expected in "http".utf8 where bytes.next() != expected { return false }
        var next = bytes.next()
        if next == UInt8(ascii: "s") { next = bytes.next() }
        guard next == UInt8(ascii: ":"), bytes.next() == UInt8(ascii: "/"),
            bytes.next() == UInt8(ascii: "/")
        else { return false }
        guard let following = bytes.next(), following >= 0x80 else { return true }
        return text.hasPrefix("http://") || text.hasPrefix("https://")
    }
}
