import FeedModel
import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1).
/// Lenient where publishers are sloppy (numeric ids, `author` vs `authors`),
/// strict where a document is not a JSON Feed at all.
enum JSONFeedParser {
    static func parse(_ data: Data, baseURL: URL?) throws(ParserError) -> Feed {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .invalidJSON(reason: Self.describe(error))
        }
        guard let root = object as? [String: Any] else {
            throw .invalidJSON(reason: "the top level is not an object")
        }
        guard let version = root["version"] as? String, version.contains("jsonfeed.org/version/")
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
        if let entries = root["items"] as? [Any] {
            for entry in entries {
                guard let entry = entry as? [String: Any] else {
                    skipped += 1
                    continue
                }
                draft.items.append(item(entry, base: feedBase, dates: &draft.dates))
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

    private static func item(_ entry: [String: Any], base: URL?, dates: inout FeedDateReader)
        -> ItemDraft
    {
        var item = ItemDraft()
        item.baseURL = base
        // Ids must be strings, but numbers are common; both identify.
        if let id = string(entry["id"]) {
            item.guid = id
        } else if let number = entry["id"] as? NSNumber {
            item.guid = number.stringValue
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
        var authors: [[String: Any]] = entry["authors"] as? [[String: Any]] ?? []
        if let author = entry["author"] as? [String: Any] { authors.append(author) }
        item.authors = authors.compactMap { string($0["name"]) }
        item.categories = (entry["tags"] as? [Any] ?? []).compactMap { string($0) }
        item.dateText = string(entry["date_published"])
        item.published = item.dateText.flatMap { dates.read($0) }
        item.updated = string(entry["date_modified"]).flatMap { dates.read($0) }
        return item
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmedWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return "not valid JSON"
    }
}
