import Foundation

/// The feeds a web page announces in its head, as browsers and feed readers
/// find them: `<link rel="alternate" type="application/rss+xml" href="…">`
/// (and Atom, JSON Feed, RDF), with relative addresses resolved against the
/// page (or its `<base href>`).
public enum AnnouncedFeeds {
    /// One announced feed.
    public struct Link: Sendable, Equatable {
        public var url: URL
        /// The link's `title`, when it has one.
        public var title: String?
        /// The announced media type.
        public var type: String

        public init(url: URL, title: String?, type: String) {
            self.url = url
            self.title = title
            self.type = type
        }
    }

    /// The media types that announce a feed.
    public static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json",
        "application/json+feed", "application/rdf+xml",
    ]

    /// Whether `data` looks like an HTML page rather than a feed or other document.
    public static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html")
            || head.contains("<head")
    }

    /// The feeds `data`, a page fetched from `pageURL`, announces, in page
    /// order, each once; only http(s) addresses.
    public static func find(in data: Data, contentType: String? = nil, pageURL: URL) -> [Link] {
        let decoded = DocumentDecoder.decode([UInt8](data), contentType: contentType)
        let html = String(decoding: decoded.utf8, as: UTF8.self)
        let tags = HTMLSAXReader.startTags(of: html, named: ["base", "link"])
        let base =
            tags.first(where: { $0.name == "base" }).flatMap { $0.attributes["href"] }
            .flatMap { URL(string: $0.trimmingCharacters(in: .whitespaces), relativeTo: pageURL) }?
            .absoluteURL ?? pageURL
        var links: [Link] = []
        for tag in tags where tag.name == "link" {
            let relations = (tag.attributes["rel"] ?? "").lowercased().split(
                whereSeparator: \.isWhitespace)
            let type =
                (tag.attributes["type"] ?? "").lowercased()
                .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard relations.contains("alternate"), feedTypes.contains(type),
                let href = tag.attributes["href"]?.trimmingCharacters(in: .whitespacesAndNewlines),
                !href.isEmpty,
                let url = URL(string: href, relativeTo: base)?.absoluteURL,
                ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                !links.contains(where: { $0.url == url })
            else { continue }
            let title = tag.attributes["title"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            links.append(Link(url: url, title: title?.isEmpty == false ? title : nil, type: type))
        }
        return links
    }

    /// Where sites commonly serve their feed, tried in order when a page announces none.
    public static let commonPaths = [
        "/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml",
        "/feeds/posts/default",
    ]
}
