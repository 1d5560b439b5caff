import FeedModel
import Foundation
import RuleEngine

/// How `rules test` shows its results: JSON Lines, or a report for people.
enum RulesTestOutput {
    /// `{"item": ID, "title": TITLE, "fired": [{"rule": ID, "severity": S,
    /// "matches": [{"term": T, "field": F, "text": MATCHED}]}]}`, keys in that order;
    /// with `nearMisses` (`--explain`), `"near_misses": […]` last.
    static func jsonLine(_ item: Item, hits: [RuleHit], nearMisses: [NearMiss]? = nil) -> String {
        let fired = hits.map { hit in
            let matches = hit.matches.map {
                "{\"term\": \(quoted($0.term)), \"field\": \(quoted($0.field.rawValue)), \"text\": \(quoted($0.text))}"
            }
            return
                "{\"rule\": \(quoted(hit.rule)), \"severity\": \(quoted(hit.severity.rawValue)), "
                + "\"matches\": [\(matches.joined(separator: ", "))]}"
        }
        let explained = nearMisses.map { ", \"near_misses\": \(NearMissOutput.json($0))" } ?? ""
        return "{\"item\": \(quoted(item.id)), \"title\": \(quoted(title(of: item))), "
            + "\"fired\": [\(fired.joined(separator: ", "))]\(explained)}"
    }

    static func title(of item: Item) -> String {
        item.text.title.isEmpty ? (item.title ?? "") : item.text.title
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String { JSONString.quoted(text) }

    /// The item, the rules that fire, and for each the matched terms; on a
    /// terminal the matched text is highlighted where it stands in the title.
    static func report(
        _ item: Item, number: Int, hits: [RuleHit], nearMisses: [NearMiss]? = nil, colors: Bool
    ) -> String {
        let bold = colors ? "\u{1B}[1m" : ""
        let dim = colors ? "\u{1B}[2m" : ""
        let reset = colors ? "\u{1B}[0m" : ""
        var lines: [String] = []
        let titleTexts = hits.flatMap(\.matches).filter { $0.field == .title }.map(\.text)
        lines.append(
            "\(bold)\(number).\(reset) \(highlight(title(of: item), titleTexts, colors: colors))")
        lines.append("   \(dim)\(item.id)\(reset)")
        if hits.isEmpty { lines.append("   no rule fires") }
        for hit in hits {
            lines.append("   \(bold)\(hit.rule)\(reset) (\(hit.severity.rawValue)): \(hit.title)")
            let termWidth = hit.matches.map(\.term.count).max() ?? 0
            for match in hit.matches {
                let padding = String(repeating: " ", count: max(0, termWidth - match.term.count))
                let text = colors ? "\u{1B}[1;33m\(match.text)\u{1B}[0m" : "\"\(match.text)\""
                lines.append("     \(match.term)\(padding)  \(match.field.rawValue): \(text)")
            }
        }
        if let nearMisses {
            lines += NearMissOutput.lines(nearMisses, bold: bold, reset: reset)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` with every occurrence of `parts` in bold yellow.
    static func highlight(_ text: String, _ parts: [String], colors: Bool) -> String {
        guard colors, !parts.isEmpty else { return text }
        var ranges: [Range<String.Index>] = []
        for part in Set(parts) where !part.isEmpty {
            var searchStart = text.startIndex
            while let range = text.range(of: part, range: searchStart..<text.endIndex) {
                ranges.append(range)
                searchStart = range.upperBound
            }
        }
        var output = ""
        var position = text.startIndex
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= position {
            output += text[position..<range.lowerBound] + "\u{1B}[1;33m" + text[range] + "\u{1B}[0m"
            position = range.upperBound
        }
        return output + text[position...]
    }
}
