import FeedModel
import FeedParser
import Foundation

/// The `--text` rendering of a parsed feed.
enum ParseSummary {
    static func text(of feed: Feed, input: String) -> String {
        var lines = [
            "\(input): \(feed.format.rawValue) \"\(feed.title ?? "(untitled)")\" \(feed.link ?? "")"
        ]
        if let description = feed.description, !description.isEmpty {
            lines.append("  " + HTMLText.plainText(description).prefix(200))
        }
        for warning in feed.warnings { lines.append("  warning: \(warning)") }
        lines.append("  \(Counted.phrase(feed.items.count, "item"))")
        for item in feed.items {
            let date = (item.published ?? item.updated).map(FeedJSON.isoString) ?? "no date"
            lines.append("  - \(date)  \(item.title ?? "(untitled)")")
            if let link = item.link { lines.append("      \(link)") }
        }
        return lines.joined(separator: "\n")
    }
}
