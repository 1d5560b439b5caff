import FeedModel
import Foundation
import RuleEngine

/// Turns a rule hit on an item into the alert record.
public enum AlertBuilder {
    /// Characters of context kept on each side of the first match in `snippet`.
    static let snippetContext = 120
    /// Characters of an item's title an alert record keeps: a title is a
    /// line, and a feed's 10 MB "title" must not become a 10 MB log line.
    /// A longer one is cut on a character boundary and ends in "…"; the
    /// record says so (`AlertTruncation.titleCharacters`).
    public static let maximumTitleLength = 1000

    /// `kind` is `.alert` for a raised alert, `.report` for a firing folded into its story.
    public static func alert(
        for hit: RuleHit, item: Item, feed: String, story: String, sources: Int, time: Date,
        kind: AlertKind = .alert
    ) -> Alert {
        let fullTitle = item.title ?? nilIfEmpty(item.text.title)
        let title = fullTitle.map(cut)
        var truncation = AlertTruncation()
        if hit.evidenceTruncated { truncation.evidence = true }
        if let fullTitle, title != fullTitle { truncation.titleCharacters = fullTitle.count }
        return Alert(
            id: AlertID.make(rule: hit.rule, feed: feed, itemID: item.id),
            kind: kind,
            // Whole seconds: the log's ISO 8601 keeps no more, and the record
            // in memory, on disk and in a webhook must be the same.
            time: Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down)),
            rule: hit.rule,
            severity: hit.severity,
            feed: feed,
            item: AlertItem(
                id: item.id, title: title, link: item.link, published: item.published),
            matches: distinct(hit.matches),
            entities: hit.entities,
            snippet: snippet(for: hit.matches, in: item.text),
            story: story,
            sources: sources,
            truncated: truncation == AlertTruncation() ? nil : truncation
        )
    }

    /// `title` cut at `maximumTitleLength` characters, with an ellipsis when cut.
    static func cut(_ title: String) -> String {
        guard
            let end = title.index(
                title.startIndex, offsetBy: maximumTitleLength, limitedBy: title.endIndex),
            end < title.endIndex
        else { return title }
        return String(title[..<end]) + "…"
    }

    /// The evidence without repeats: each (term, field, text) once, and no
    /// text that only repeats part of a longer match of the same term in the
    /// same field ("bombing" inside "suicide bombing", "ISK" inside "ISK-P").
    static func distinct(_ matches: [TermMatch]) -> [TermMatch] {
        var seen = Set<TermMatch>()
        let unique = matches.filter { seen.insert($0).inserted }
        // Compared within a term and field only: evidence at its limit names
        // hundreds of terms, and comparing all pairs would be slow.
        let byTermAndField = Dictionary(grouping: unique) { TermInField(match: $0) }
        return unique.filter { match in
            !(byTermAndField[TermInField(match: match)] ?? []).contains { other in
                other != match && other.text.count > match.text.count
                    && other.text.localizedCaseInsensitiveContains(match.text)
            }
        }
    }

    private struct TermInField: Hashable {
        var term: String
        var field: TextField

        init(match: TermMatch) {
            term = match.term
            field = match.field
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
