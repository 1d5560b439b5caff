import AlertLog
import FeedModel
import Foundation
import RuleEngine
import Store

/// `alerts show`: the alert whole, for a person deciding what to do with it.
///
/// ```
/// 2026-12-03 06:45Z  HIGH      haqqani-attack  dawn  Khalil Haqqani killed…
///     rule       Haqqani network attacks
///     match      @khalil-haqqani AND #attack
///     matched    @khalil-haqqani "Khalil Haqqani" (title); #attack "killed" (title)
///     ...
/// title
///     »Khalil Haqqani« »killed« in ministry bombing
/// text
///     ...
/// ```
public enum AlertEvidenceText {
    public static func text(
        _ alert: Alert, evidence: AlertEvidence?, ack: AlertAcknowledgement?, sources: Int?,
        color: Bool, time: DisplayTime
    ) -> String {
        var lines = [AlertText.line(alert, sources: sources, color: color, time: time)]
        func field(_ name: String, _ value: String) {
            lines.append("    " + name.padding(toLength: 11, withPad: " ", startingAt: 0) + value)
        }
        if let title = evidence?.ruleTitle { field("rule", "\(alert.rule): \(title)") }
        if let match = evidence?.ruleMatch, !match.isEmpty { field("match", match) }
        if !alert.matches.isEmpty { field("matched", AlertText.evidence(alert.matches)) }
        if let link = alert.item.link { field("link", link) }
        field("published", alert.item.published.map(time.minute) ?? "-")
        field("detected", time.minute(alert.time))
        field("id", alert.id)
        field("kind", alert.kind.rawValue)
        let feeds = sources ?? alert.sources
        field("story", "\(alert.story) (\(Counted.phrase(feeds, "source")))")
        if !alert.entities.isEmpty { field("entities", alert.entities.joined(separator: ", ")) }
        if let ack {
            var text = "acknowledged \(time.minute(ack.time))"
            if let by = ack.by { text += " by \(by)" }
            if let note = ack.note { text += ": \(note)" }
            field("ack", text)
        } else {
            field("ack", "not acknowledged (feedwatch alerts ack \(alert.id.prefix(10)))")
        }
        lines.append("")
        lines += itemText(alert, evidence: evidence, color: color)
        return lines.joined(separator: "\n")
    }

    /// The item's title and text as the rule read them, each field with its
    /// own matches highlighted; the snippet when no copy was kept.
    static func itemText(_ alert: Alert, evidence: AlertEvidence?, color: Bool) -> [String] {
        func matches(in field: TextField) -> [TermMatch] {
            alert.matches.filter { $0.field == field }
        }
        guard let evidence else {
            var lines = [
                "text (the alert was recorded before feedwatch kept its item's text; the snippet from the log)"
            ]
            if !alert.snippet.isEmpty {
                lines.append(
                    "    " + AlertText.highlight(alert.snippet, alert.matches, color: color))
            }
            return lines
        }
        var lines = [
            "title",
            "    " + AlertText.highlight(evidence.title, matches(in: .title), color: color),
        ]
        for (name, text, field) in [
            ("summary", evidence.summary, TextField.summary),
            ("content", evidence.content, TextField.content),
        ] where !text.isEmpty {
            // A summary repeated as the start of the content is shown once.
            if field == .content, evidence.content == evidence.summary { continue }
            lines.append(name)
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: true) {
                lines.append(
                    "    "
                        + AlertText.highlight(String(paragraph), matches(in: field), color: color))
            }
        }
        return lines
    }
}
