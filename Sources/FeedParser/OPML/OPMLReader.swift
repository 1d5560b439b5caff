import Foundation

/// Reads an OPML subscription list (OPML 1.0 or 2.0, as feed readers export
/// it) into the feeds it names, through the same libxml2 reader as feeds: no
/// network, no external entities, bounded entity expansion.
///
/// OPML is read strictly, unlike a feed: a list that libxml2 finds
/// ill-formed (cut off, unclosed) is refused with the line, since importing
/// half of it without a word would lose feeds.
public enum OPMLReader {
    /// A subscription list larger than this is refused: thousands of feeds
    /// take well under a megabyte.
    public static let maximumDocumentSize = 16 * 1024 * 1024

    /// The feeds of `data`, in document order, each with the folders it sits in.
    public static func read(_ data: Data) throws(OPMLError) -> [OPMLFeed] {
        guard data.count <= maximumDocumentSize else {
            throw .tooLarge(size: data.count, limit: maximumDocumentSize)
        }
        guard !data.isEmpty else { throw .notOPML(reason: "the file is empty") }
        let decoded = DocumentDecoder.decode([UInt8](data), contentType: nil)
        // Readers write titles with HTML entities and bare ampersands; the
        // prepass makes them XML, as it does for feeds.
        let document = EntityPrepass.repair(decoded.utf8, rewritesPredefined: false).document
        let collector = OPMLCollector()
        let parser = XMLSAXParser(textBudget: document.count * 4 + 1_000_000)
        parser.delegate = collector
        do {
            try parser.parse(utf8: document)
        } catch {
            throw .refused(reason: error.description)
        }
        guard let root = collector.rootElement else {
            if let fatal = parser.diagnostics.first(where: \.isFatal) {
                throw .malformed(line: fatal.line, column: fatal.column, message: fatal.message)
            }
            throw .notOPML(reason: "no XML element in it")
        }
        guard root == "opml" else {
            let hint =
                ["rss", "feed", "RDF"].contains(root)
                ? " (a feed: add it with `feedwatch feeds add`)" : ""
            throw .notOPML(reason: "its root element is <\(root)>, not <opml>\(hint)")
        }
        if let fatal = parser.diagnostics.first(where: \.isFatal) {
            throw .malformed(line: fatal.line, column: fatal.column, message: fatal.message)
        }
        guard collector.sawBody else { throw .notOPML(reason: "<opml> has no <body>") }
        return collector.feeds
    }
}

/// One feed of an OPML list.
public struct OPMLFeed: Sendable, Equatable {
    /// `xmlUrl`, as written.
    public var feedURL: String
    /// `title`, else `text`; nil when the outline has neither.
    public var title: String?
    /// `htmlUrl`: the site the feed belongs to.
    public var siteURL: String?
    /// The titles of the outlines it is nested in, outermost first.
    public var folders: [String]

    public init(feedURL: String, title: String?, siteURL: String? = nil, folders: [String] = []) {
        self.feedURL = feedURL
        self.title = title
        self.siteURL = siteURL
        self.folders = folders
    }
}

/// Why an OPML document could not be read. The caller names the file.
public enum OPMLError: Error, CustomStringConvertible, Equatable, Sendable {
    case notOPML(reason: String)
    case malformed(line: Int, column: Int, message: String)
    case tooLarge(size: Int, limit: Int)
    /// Reading stopped on purpose (entity expansion past its bounds).
    case refused(reason: String)

    public var description: String {
        switch self {
        case .notOPML(let reason): "not an OPML subscription list: \(reason)"
        case .malformed(let line, let column, let message):
            "ill-formed OPML at line \(line), column \(column): \(message)"
        case .tooLarge(let size, let limit):
            "the file is \(size) bytes, over the \(limit) an OPML list may have"
        case .refused(let reason): "refused: \(reason)"
        }
    }
}

/// Gathers the feeds as libxml2 reports the outlines.
private final class OPMLCollector: XMLSAXDelegate {
    private(set) var rootElement: String?
    private(set) var sawBody = false
    private(set) var feeds: [OPMLFeed] = []
    private var insideBody = 0
    /// One entry per open outline: its folder title, or nil for a feed (or an
    /// untitled outline), which adds no folder to what it holds.
    private var outlines: [String?] = []

    func parser(_ parser: XMLSAXParser, didStart element: XMLName, attributes: XMLAttributes) {
        if rootElement == nil {
            rootElement = element.localName
            return
        }
        guard rootElement == "opml", element.namespace == nil else { return }
        switch element.localName {
        case "body":
            insideBody += 1
            sawBody = true
        case "outline" where insideBody > 0:
            let title = Self.nonEmpty(attributes.value("title") ?? attributes.value("text"))
            let feedURL = Self.nonEmpty(
                attributes.value("xmlUrl") ?? attributes.value("xmlURL")
                    ?? attributes.value("xmlurl"))
            if let feedURL {
                feeds.append(
                    OPMLFeed(
                        feedURL: feedURL, title: title,
                        siteURL: Self.nonEmpty(
                            attributes.value("htmlUrl") ?? attributes.value("htmlURL")),
                        folders: outlines.compactMap { $0 }))
                outlines.append(nil)
            } else {
                outlines.append(title)
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLSAXParser, didEnd element: XMLName) {
        guard rootElement == "opml", element.namespace == nil else { return }
        switch element.localName {
        case "body": insideBody -= 1
        case "outline" where insideBody > 0: _ = outlines.popLast()
        default: break
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines),
            !trimmed.isEmpty
        else { return nil }
        return trimmed
    }
}
