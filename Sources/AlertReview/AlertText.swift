import AlertLog
import Foundation
import RuleEngine
import Store

/// Alerts as a person reads them on a terminal.
public enum AlertText {
    /// `2026-11-24 10:35  HIGH      haqqani-attack  dawn  [3 sources]  Title…`
    ///
    /// `sources` is the story's current number of feeds (the record keeps
    /// the number when it was written); it shows when more than one. A
    /// folded report and an escalation say what they are before the title.
    public static func line(
        _ alert: Alert, sources: Int? = nil, color: Bool = false, time clock: DisplayTime = .utc
    ) -> String {
        line(
            clock: clock, time: alert.time, severity: alert.severity, rule: alert.rule,
            feed: alert.feed,
            kind: alert.kind.rawValue, sources: sources ?? alert.sources,
            title: alert.item.title ?? alert.item.id, color: color)
    }

    /// The same line from the alert index, without reading the log.
    public static func line(
        _ entry: AlertIndexEntry, sources: Int? = nil, color: Bool = false,
        time clock: DisplayTime = .utc
    ) -> String {
        line(
            clock: clock, time: entry.time, severity: Severity(rawValue: entry.severity) ?? .info,
            rule: entry.rule, feed: entry.feed, kind: entry.kind, sources: sources ?? 1,
            title: entry.title ?? entry.alertID, color: color)
    }

    private static func line(
        clock: DisplayTime, time: Date, severity: Severity, rule: String, feed: String,
        kind: String, sources: Int,
        title: String, color: Bool
    ) -> String {
        let label = severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
        let severityText = color ? paint(label, for: severity) : label
        var text = "\(clock.minute(time))  \(severityText)  \(rule)  \(feed)  "
        if sources > 1 { text += "[\(sources) sources]  " }
        switch kind {
        case AlertKind.report.rawValue: text += "(folded) "
        case AlertKind.escalation.rawValue: text += "(escalation) "
        default: break
        }
        return text + title
    }

    /// The whole record: title, link, what matched and the snippet.
    public static func details(
        _ alert: Alert, sources: Int? = nil, color: Bool = false, time clock: DisplayTime = .utc
    ) -> String {
        var lines = [line(alert, sources: sources, color: color, time: clock)]
        if let link = alert.item.link { lines.append("    \(link)") }
        if !alert.matches.isEmpty { lines.append("    matched: " + evidence(alert.matches)) }
        if !alert.snippet.isEmpty {
            lines.append("    " + highlight(alert.snippet, alert.matches, color: color))
        }
        lines.append(
            "    id \(alert.id)  kind \(alert.kind.rawValue)  story \(alert.story)  sources \(sources ?? alert.sources)"
        )
        return lines.joined(separator: "\n")
    }

    /// `@khalil-haqqani "Khalilur Rehman Haqqani" (title, summary); #attack "blast" (title)`
    static func evidence(_ matches: [TermMatch]) -> String {
        var order: [String] = []
        var fields: [String: [String]] = [:]
        for match in matches {
            let key = "\(match.term) \"\(match.text)\""
            if fields[key] == nil { order.append(key) }
            if fields[key]?.contains(match.field.rawValue) != true {
                fields[key, default: []].append(match.field.rawValue)
            }
        }
        return order.map { "\($0) (\(fields[$0, default: []].joined(separator: ", ")))" }
            .joined(separator: "; ")
    }

    /// Marks every matched text in `text` (any case): bold reverse video on
    /// a terminal, »…« elsewhere. Longer texts win where two overlap, so marks never nest.
    public static func highlight(_ text: String, _ matches: [TermMatch], color: Bool) -> String {
        var marked: [Range<String.Index>] = []
        let needles = Set(matches.map(\.text)).filter { !$0.isEmpty }.sorted {
            $0.count > $1.count
        }
        for needle in needles {
            var searchStart = text.startIndex
            while let found = text.range(
                of: needle, options: [.caseInsensitive], range: searchStart..<text.endIndex)
            {
                if !marked.contains(where: { $0.overlaps(found) }) { marked.append(found) }
                searchStart = found.upperBound
            }
        }
        var result = ""
        var position = text.startIndex
        for range in marked.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            result += text[position..<range.lowerBound]
            let piece = String(text[range])
            result += color ? "\u{1B}[1;7m\(piece)\u{1B}[0m" : "»\(piece)«"
            position = range.upperBound
        }
        return result + text[position...]
    }

    static func paint(_ text: String, for severity: Severity) -> String {
        let code: String =
            switch severity {
            case .critical: "1;31"
            case .high: "31"
            case .medium: "33"
            case .low: "36"
            case .info: "2"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
