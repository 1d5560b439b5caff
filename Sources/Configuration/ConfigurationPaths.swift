import Foundation

/// Paths and URLs written in feeds.conf, made absolute.
enum ConfigurationPaths {
    /// `path` as an absolute, standardized path: `~` is the home folder, and
    /// a relative path is relative to `directory` (the configuration's folder),
    /// never to wherever feedwatch happens to be started.
    static func resolve(_ path: String, against directory: URL) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") {
            return URL(fileURLWithPath: expanded).standardizedFileURL.path
        }
        return directory.appendingPathComponent(expanded).standardizedFileURL.path
    }

    /// The URL of a feed or sink, or why it is refused.
    ///
    /// http and https must have a host. `file:` (feeds only) takes
    /// `file:///absolute/path`, `file://localhost/absolute/path`, or a path
    /// relative to the configuration's folder written `file:relative/path`
    /// (or `file://relative/path`, since a host means nothing for a local file).
    static func resolveURL(
        _ text: String, allowingFiles: Bool, against directory: URL
    ) -> Result<URL, URLProblem> {
        guard let colon = text.firstIndex(of: ":"),
            text[..<colon].allSatisfy({
                $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
            }),
            !text[..<colon].isEmpty
        else {
            return .failure(
                URLProblem("'\(text)' is not a URL: write it with its scheme, as in https://…"))
        }
        let scheme = text[..<colon].lowercased()
        let allowed = allowingFiles ? "http, https and file" : "http and https"
        switch scheme {
        case "http", "https":
            guard !text.contains(where: \.isWhitespace), let url = URL(string: text),
                let host = url.host, !host.isEmpty
            else {
                return .failure(URLProblem("'\(text)' is not a valid \(scheme) URL"))
            }
            return .success(url)
        case "file" where allowingFiles:
            var path = String(text[text.index(after: colon)...])
            if path.hasPrefix("//localhost/") {
                path.removeFirst("//localhost".count)
            } else if path.hasPrefix("//") {
                path.removeFirst(2)
                if path.hasPrefix("/") { path = "/" + path.drop { $0 == "/" } }
            }
            let decoded = path.removingPercentEncoding ?? path
            guard !decoded.isEmpty else {
                return .failure(URLProblem("'\(text)' names no file"))
            }
            return .success(URL(fileURLWithPath: resolve(decoded, against: directory)))
        default:
            return .failure(
                URLProblem("'\(text)' uses scheme \(scheme); only \(allowed) are allowed"))
        }
    }

    struct URLProblem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
