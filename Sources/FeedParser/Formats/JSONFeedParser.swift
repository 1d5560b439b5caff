import FeedModel
import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
/// Lenient where publishers are sloppy (numeric ids, `author` vs `authors`),
/// strict where a document is not a JSON Feed at all.
///
/// In bounded memory: the top level is read member by member and `items`
/// element by element (`JSONScanner`), so that only one item's values are
/// held at a time, never a tree of the whole document — a 10 MB feed of
/// 200,000 items would take some 750 MB as Foundation objects. The whole
/// document is checked before any item is read, so a syntax error anywhere
/// refuses it whole, as before.
enum JSONFeedParser {
    static func parse(_ utf8: [UInt8], baseURL: URL?) throws(ParserError) -> Feed {
        let top: TopLevel
        do {
            top = try TopLevel.read(utf8)
        } catch {
            throw .invalidJSON(reason: error.description)
        }
        guard let root = top.members else {
            throw .invalidJSON(reason: "the top level is not an object")
        }
        guard let version = root["version"]?.string, version.contains("jsonfeed.org/version/")
        else {
            throw .notAFeed(reason: "JSON without a jsonfeed.org \"version\"")
        }
        let home = string(root["home_page_url"])
        let feedBase = string(root["feed_url"]).flatMap { URL(string: $0) } ?? baseURL
        var draft = FeedDraft(format: .json1x)
        draft.title = string(root["title"])
        draft.link = home.flatMap { URLResolver.resolve($0, against: feedBase) }
        draft.description = string(root["description"])
        draft.descriptionIsHTML = false
        draft.baseURL = feedBase
        var warnings: [String] = []
        var skipped = 0
        if let itemStarts = top.itemStarts {
            draft.items.reserveCapacity(itemStarts.count)
            for start in itemStarts {
                var scanner = JSONScanner(utf8, at: start)
                let entry: JSONValue
                do {
                    entry = try scanner.value(depth: 2)
                } catch {
                    // Checked whole by `TopLevel.read`: only a fault of this reader gets here.
                    throw .invalidJSON(reason: error.description)
                }
                guard let members = entry.object else {
                    skipped += 1
                    continue
                }
                draft.items.append(item(members, base: feedBase, dates: &draft.dates))
            }
        } else if root["items"] == nil {
            warnings.append("JSON Feed without \"items\"")
        } else {
            warnings.append("JSON Feed \"items\" is not an array; no items read")
        }
        if skipped > 0 {
            warnings.append(
                "\(skipped) JSON Feed item\(skipped == 1 ? " is not an object" : "s are not objects"); skipped"
            )
        }
        return FeedAssembler.assemble(draft, warnings: warnings)
    }

    /// The document's top level: its members but `items`, and where each
    /// element of `items` starts when it is an array.
    struct TopLevel {
        /// Nil when the top level is not an object.
        var members: [String: JSONValue]?
        var itemStarts: [Int]?

        /// Reads and checks the whole document, holding no item.
        static func read(_ utf8: [UInt8]) throws(JSONSyntaxError) -> TopLevel {
            var scanner = JSONScanner(utf8)
            guard try scanner.openObject() else {
                try scanner.skipValue()
                try scanner.finish()
                return TopLevel(members: nil, itemStarts: nil)
            }
            var members: [String: JSONValue] = [:]
            var itemStarts: [Int]?
            var first = true
            while let key = try scanner.nextKey(first: first) {
                first = false
                // A key written twice keeps its last value, `items` too.
                guard key == "items", try scanner.openArray() else {
                    members[key] = try scanner.value(depth: 1)
                    if key == "items" { itemStarts = nil }
                    continue
                }
                var starts: [Int] = []
                var firstElement = true
                while try scanner.hasNextElement(first: firstElement) {
                    firstElement = false
                    starts.append(scanner.position)
                    try scanner.skipValue(depth: 2)
                }
                members[key] = .array([])
                itemStarts = starts
            }
            try scanner.finish()
            return TopLevel(members: members, itemStarts: itemStarts)
        }
    }

    private static func item(_ entry: [String: JSONValue], base: URL?, dates: inout FeedDateReader)
        -> ItemDraft
    {
        var item = ItemDraft()
        item.baseURL = base
        // Ids must be strings, but numbers are common; both identify.
        if let id = string(entry["id"]) {
            item.guid = id
        } else if let number = entry["id"]?.numberText {
            item.guid = number
        }
        item.guidIsPermaLink = false
        item.title = string(entry["title"])
        item.link = string(entry["url"]) ?? string(entry["external_url"])
        item.summary = string(entry["summary"])
        item.summaryIsHTML = false
        if let html = string(entry["content_html"]) {
            item.content = html
        } else if let text = string(entry["content_text"]) {
            item.content = text
            item.contentIsHTML = false
        }
        // `authors` counts only when every element is an object.
        let listed = entry["authors"]?.array ?? []
        var authors = listed.compactMap(\.object)
        if authors.count != listed.count { authors = [] }
        if let author = entry["author"]?.object { authors.append(author) }
        item.authors = authors.compactMap { string($0["name"]) }
        item.categories = (entry["tags"]?.array ?? []).compactMap { string($0) }
        item.dateText = string(entry["date_published"])
        item.published = item.dateText.flatMap { dates.read($0) }
        item.updated = string(entry["date_modified"]).flatMap { dates.read($0) }
        return item
    }

    private static func string(_ value: JSONValue?) -> String? {
        guard let text = value?.string else { return nil }
        let trimmed = text.trimmedWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
