import FeedModel
import Foundation

/// Turns a handler's draft into the `Feed` every later stage sees: links
/// made absolute, identities assigned, text reduced for matching, and the
/// draft's unreadable dates added to `warnings`.
enum FeedAssembler {
    static func assemble(_ draft: FeedDraft, warnings: [String]) -> Feed {
        let converter = HTMLTextConverter()
        var links: [String?] = []
        var ids: [String?] = []
        links.reserveCapacity(draft.items.count)
        // By index, not `for item in`: that copies every draft, a retain and
        // a release for each of its strings.
        for index in draft.items.indices {
            var link = draft.items[index].link
            // An RSS guid that is a permalink, or an Atom id that is a web
            // address, doubles as the link when none is given, if it is one
            // (`http://example.c[o.test/` has no host).
            if link == nil, let guid = draft.items[index].guid, draft.items[index].guidIsPermaLink,
                isWebAddress(guid), URL(string: guid.trimmedWhitespace())?.host != nil
            {
                link = guid
            }
            let resolved = link.flatMap {
                URLResolver.resolve($0, against: draft.items[index].baseURL)
            }
            links.append(resolved)
            ids.append(
                ItemIdentity.publishedID(
                    guid: draft.items[index].guid,
                    resourceIdentifier: draft.items[index].resourceIdentifier, link: resolved))
        }
        var items: [Item] = []
        items.reserveCapacity(draft.items.count)
        for index in draft.items.indices {
            items.append(
                item(
                    draft.items, at: index, id: ids[index], link: links[index], converter: converter
                ))
        }
        // Ids repeated for differing items are told apart by their content.
        let uniqueIDs = ItemIdentity.disambiguate(items, dates: draft.items.map(\.dateText))
        for index in items.indices where items[index].id != uniqueIDs[index] {
            items[index].id = uniqueIDs[index]
        }
        let feedTitle = draft.title.map {
            draft.titleIsHTML
                ? converter.plainText($0, singleLine: true) : HTMLText.foldWhitespace($0)
        }
        return Feed(
            format: draft.format, title: nonEmpty(feedTitle),
            link: draft.link ?? draft.identifier.flatMap { isWebAddress($0) ? $0 : nil },
            description: nonEmpty(draft.description), updated: draft.updated,
            suggestedInterval: suggestedInterval(draft), items: items,
            warnings: warnings + [draft.dates.warning].compactMap { $0 })
    }

    /// The item of `drafts[index]`, its text reduced; `id` nil when the
    /// publisher gave none. The draft is read in the list, field by field:
    /// a copy of it would retain each of its strings.
    private static func item(
        _ drafts: [ItemDraft], at index: Int, id: String?, link: String?,
        converter: HTMLTextConverter
    ) -> Item {
        func plain(_ text: String?, isHTML: Bool, singleLine: Bool = false) -> String {
            guard let text else { return "" }
            return isHTML
                ? converter.plainText(text, singleLine: singleLine)
                : HTMLText.foldWhitespace(text)
        }
        // A title is one line, whatever block markup it was written with.
        let title = drafts[index].title.map {
            plain($0, isHTML: drafts[index].titleIsHTML, singleLine: true)
        }
        let summaryText = plain(drafts[index].summary, isHTML: drafts[index].summaryIsHTML)
        // Publishers often repeat the description as the content: reduce it once.
        let contentText =
            drafts[index].content == drafts[index].summary
                && drafts[index].contentIsHTML == drafts[index].summaryIsHTML
            ? summaryText : plain(drafts[index].content, isHTML: drafts[index].contentIsHTML)
        let text = ItemText(title: title ?? "", summary: summaryText, content: contentText)
        var item = Item(
            id: id ?? "", title: title, link: link, summary: nonEmpty(drafts[index].summary),
            content: nonEmpty(drafts[index].content), authors: drafts[index].authors,
            categories: drafts[index].categories,
            published: drafts[index].published, updated: drafts[index].updated, text: text)
        if id == nil { item.id = ItemIdentity.contentID(item, date: drafts[index].dateText) }
        return item
    }

    private static func isWebAddress(_ text: String) -> Bool {
        let lowered = text.prefix(8).lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// `<ttl>` minutes win; else `sy:updatePeriod` divided by `sy:updateFrequency`.
    private static func suggestedInterval(_ draft: FeedDraft) -> TimeInterval? {
        if let timeToLive = draft.timeToLive, timeToLive > 0 { return timeToLive }
        guard let period = draft.updatePeriod?.lowercased() else { return nil }
        let seconds: Double
        switch period {
        case "hourly": seconds = 3600
        case "daily": seconds = 86400
        case "weekly": seconds = 7 * 86400
        case "monthly": seconds = 30 * 86400
        case "yearly": seconds = 365 * 86400
        default: return nil
        }
        let frequency = max(draft.updateFrequency ?? 1, 1)
        return seconds / Double(frequency)
    }
}
