import FeedModel
import Foundation

/// What a handler gathered for one item, before identity, link resolution
/// and text reduction turn it into an `Item`.
struct ItemDraft {
    var guid: String?
    /// RSS `guid isPermaLink` (true when absent, per the RSS 2.0 spec).
    var guidIsPermaLink = true
    /// RSS 1.0 `rdf:about`.
    var resourceIdentifier: String?
    var title: String?
    var titleIsHTML = false
    var link: String?
    var summary: String?
    var summaryIsHTML = true
    var content: String?
    var contentIsHTML = true
    var authors: [String] = []
    var categories: [String] = []
    var published: Date?
    var updated: Date?
    /// The date as written, for the identity hash when nothing else identifies the item.
    var dateText: String?
    /// The base URL in force at the item, for its relative links.
    var baseURL: URL?
}

/// What a handler gathered for the feed itself.
struct FeedDraft {
    var format: FeedFormat
    var title: String?
    var titleIsHTML = false
    var link: String?
    var description: String?
    var descriptionIsHTML = true
    var updated: Date?
    var timeToLive: TimeInterval?
    var updatePeriod: String?
    var updateFrequency: Int?
    var baseURL: URL?
    var items: [ItemDraft] = []
    /// Whether the root element was seen at all: without it, errors are fatal.
    var sawRootElement = false
    /// Atom's feed id, the link of last resort when it is a web address.
    var identifier: String?
    /// Reads the feed's dates and counts the unreadable ones.
    var dates = FeedDateReader()

    init(format: FeedFormat) {
        self.format = format
    }

    /// Moves `item` to the end of `items`, leaving an empty draft in its
    /// place: appending a copy would retain each of its strings, and the
    /// next item's draft release them again.
    mutating func moveItem(_ item: inout ItemDraft) {
        items.append(ItemDraft())
        swap(&items[items.count - 1], &item)
    }
}

/// A format handler: SAX events in, a `FeedDraft` out.
protocol FeedHandler: XMLSAXDelegate {
    var feed: FeedDraft { get }
    /// Closes what a truncated document left open.
    func finish(_ parser: XMLSAXParser)
}
