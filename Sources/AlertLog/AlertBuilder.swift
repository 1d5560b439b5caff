import FeedModel
import Foundation
import RuleEngine

/// Turns a rule hit on an item into the alert record.
public enum AlertBuilder {
    /// Characters of context kept on each side of the first match in `snippet`.
    static let snippetContext = 120

    /// `kind` is `.alert` for a raised alert, `.report` for a firing folded into its story.
    public static func alert(
        for hit: RuleHit, item: Item, feed: String, story: String, sources: Int, time: Date,
        kind: AlertKind = .alert
    ) -> Alert {
        Alert(
            id: AlertID.make(rule: hit.rule, feed: feed, itemID: item.id),
            kind: kind,
            // Whole seconds: the log's ISO 8601 keeps no more, and the record
            // in memory, on disk and in a webhook must be the same.
            time: Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down)),
            rule: hit.rule,
            severity: hit.severity,
            feed: feed,
            item: AlertItem(
                id: item.id, title: item.title ?? nilIfEmpty(item.text.title), link: item.link,
                published: item.published),
            matches: distinct(hit.matches),
            entities: hit.entities,
            snippet: snippet(for: hit.matches, in: item.text),
            story: story,
            sources: sources
        )
    }

    /// The evidence without repeats: each (term, field, text) once, and no
    /// text that only repeats part of a longer match of the same term in the
    /// same field ("bombing" inside "suicide bombing", "ISK" inside "ISK-P").
    static func distinct(_ matches: [TermMatch]) -> [TermMatch] {
        var seen = Set<TermMatch>()
        let unique = matches.filter { seen.insert($0).inserted }
        return unique.filter { match in
            !unique.contains { other in
                other != match && other.term == match.term && other.field == match.field
                    && other.text.count > match.text.count
                    && other.text.localizedCaseInsensitiveContains(match.text)
            }
        }
    }

    /// The window around the first match in the body; a match only in the
    /// title gives the opening of the body instead (the title is already in
    /// the record).
    static func snippet(for matches: [TermMatch], in text: ItemText) -> String {
        let bodyMatches = matches.filter { $0.field != .title }
            .sorted { fieldOrder($0.field) < fieldOrder($1.field) }
        for match in bodyMatches {
            let field = text[match.field]
            if let range = field.range(of: match.text) {
                return window(around: range, in: field)
            }
        }
        let body = text.summary.isEmpty ? text.content : text.summary
        let opening = folded(body)
        return opening.count > snippetContext * 2
            ? String(opening.prefix(snippetContext * 2)) + "…" : opening
    }

    private static func fieldOrder(_ field: TextField) -> Int {
        switch field {
        case .summary: 0
        case .content: 1
        case .title: 2
        }
    }

    private static func window(around range: Range<String.Index>, in text: String) -> String {
        let start =
            text.index(range.lowerBound, offsetBy: -snippetContext, limitedBy: text.startIndex)
            ?? text.startIndex
        let end =
            text.index(range.upperBound, offsetBy: snippetContext, limitedBy: text.endIndex)
            ?? text.endIndex
        var result = folded(String(text[start..<end]))
        if start > text.startIndex { result = "…" + result }
        if end < text.endIndex { result += "…" }
        return result
    }

    private static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func nilIfEmpty(_ text: String) -> String? {
        text.isEmpty ? nil : text
    }
}
