import Foundation

/// Makes links absolute against the base in force (`xml:base`, the feed's
/// address), leaving them as written when that is impossible.
enum URLResolver {
    /// The absolute form of `reference`, or nil when it is empty.
    static func resolve(_ reference: String, against base: URL?) -> String? {
        let trimmed = reference.trimmedWhitespace()
        guard !trimmed.isEmpty else { return base?.absoluteString }
        // Most links are already absolute: no URL parsing for them.
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") { return trimmed }
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
}
