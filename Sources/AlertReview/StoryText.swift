import AlertLog
import FeedModel
import Foundation

/// Stories as a person reads them on a terminal.
public enum StoryText {
    /// `s-3f2a…  2026-11-24 10:35Z … 13:05Z  3 sources  khalil-haqqani, iskp  alert 96cb21eb  Title`
    public static func line(_ story: StoryView, time: DisplayTime = .utc) -> String {
        let first = time.minute(story.firstSeen)
        let last = time.minute(story.lastSeen)
        let sources = Counted.phrase(story.sources, "source")
        let entities = story.entities.isEmpty ? "-" : story.entities.joined(separator: ", ")
        let alert = story.alert.map { "alert \($0.prefix(8))" } ?? "no alert"
        let title = story.reports.first.map { $0.item.title ?? $0.item.id } ?? ""
        let reports = Counted.phrase(story.reports.count, "report")
        return
            "\(story.id)  \(first) … \(last)  \(sources)  \(entities)  \(alert)  \(reports)  \(title)"
    }

    /// The story and every report: feed, title, link, published, rules, alert.
    public static func details(_ story: StoryView, time: DisplayTime = .utc) -> String {
        var lines = [line(story, time: time), "    feeds: \(story.feeds.joined(separator: ", "))"]
        if !story.escalations.isEmpty {
            lines.append("    escalations: \(story.escalations.joined(separator: ", "))")
        }
        for report in story.reports {
            let published = report.item.published.map(time.minute) ?? "-"
            let alert = report.alert.map { "alert \($0)" } ?? "folded"
            lines.append(
                "  \(published)  \(report.feed)  \(report.rules.joined(separator: ", "))  \(alert)")
            lines.append("      \(report.item.title ?? report.item.id)")
            if let link = report.item.link { lines.append("      \(link)") }
        }
        return lines.joined(separator: "\n")
    }
}
