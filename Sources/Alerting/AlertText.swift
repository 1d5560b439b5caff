import Foundation
import RuleEngine

/// Alerts as a person reads them on a terminal.
public enum AlertText {
    /// `2026-11-24 10:35  HIGH      haqqani-attack  dawn  Title…`
    public static func line(_ alert: Alert, color: Bool = false) -> String {
        let time = timeFormatter.string(from: alert.time)
        let severity = alert.severity.rawValue.uppercased().padding(
            toLength: 8, withPad: " ", startingAt: 0)
        let title = alert.item.title ?? alert.item.id
        let severityText = color ? paint(severity, for: alert.severity) : severity
        return "\(time)  \(severityText)  \(alert.rule)  \(alert.feed)  \(title)"
    }

    /// The whole record: title, link, what matched and the snippet.
    public static func details(_ alert: Alert, color: Bool = false) -> String {
        var lines = [line(alert, color: color)]
        if let link = alert.item.link { lines.append("    \(link)") }
        let matched = alert.matches.map { "\($0.term) → \"\($0.text)\" (\($0.field.rawValue))" }
        if !matched.isEmpty { lines.append("    matched: " + matched.joined(separator: "; ")) }
        if !alert.snippet.isEmpty {
            lines.append("    " + highlight(alert.snippet, alert.matches, color: color))
        }
        lines.append("    id \(alert.id)  story \(alert.story)  sources \(alert.sources)")
        return lines.joined(separator: "\n")
    }

    /// Marks every matched text in `text`: bold on a terminal, «…» elsewhere.
    public static func highlight(_ text: String, _ matches: [TermMatch], color: Bool) -> String {
        var result = text
        for matched in Set(matches.map(\.text)).sorted(by: { $0.count > $1.count })
        where !matched.isEmpty {
            let marked = color ? "\u{1B}[1;33m\(matched)\u{1B}[0m" : "«\(matched)»"
            result = result.replacingOccurrences(of: matched, with: marked)
        }
        return result
    }

    private static func paint(_ text: String, for severity: Severity) -> String {
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

    private static let timeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm'Z'"
        return formatter
    }()
}
