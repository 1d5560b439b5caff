import Foundation

/// The form in which two feed addresses count as the same feed when feeds
/// are imported or added: scheme (http and https alike), a leading `www.`,
/// the default port, a trailing `/` and the fragment make no difference;
/// letter case does not in the host, does in the path and query.
public enum FeedURLKey {
    public static func key(_ url: URL) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return url.absoluteString }
        var host = components.host?.lowercased() ?? ""
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        let port = components.port.flatMap { $0 == 80 || $0 == 443 ? nil : $0 }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return "//\(host)\(port.map { ":\($0)" } ?? "")\(path)\(query)"
    }

    /// The key of a URL as written, nil when it is not one.
    public static func key(_ text: String) -> String? {
        URL(string: text.trimmingCharacters(in: .whitespaces)).map(key)
    }
}
