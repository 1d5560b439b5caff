import FeedModel
import Foundation

/// `feedwatch parse --json`: a feed as one JSON object on one line, with
/// keys in a fixed order, dates in ISO 8601 UTC and absent values as `null`.
public enum FeedJSON {
    /// The JSON text of a feed, without a trailing newline.
    public static func encode(_ feed: Feed) -> String {
        let writer = JSONWriter()
        writer.object {
            writer.member("format") { writer.string(feed.format.rawValue) }
            writer.member("title") { writer.string(feed.title) }
            writer.member("link") { writer.string(feed.link) }
            writer.member("description") { writer.string(feed.description) }
            writer.member("updated") { writer.date(feed.updated) }
            writer.member("suggested_interval") { writer.number(feed.suggestedInterval) }
            writer.member("warnings") { writer.array(feed.warnings) { writer.string($0) } }
            writer.member("items") { writer.array(feed.items) { encode($0, into: writer) } }
        }
        return writer.text
    }

    private static func encode(_ item: Item, into writer: JSONWriter) {
        writer.object {
            writer.member("id") { writer.string(item.id) }
            writer.member("title") { writer.string(item.title) }
            writer.member("link") { writer.string(item.link) }
            writer.member("summary") { writer.string(item.summary) }
            writer.member("content") { writer.string(item.content) }
            writer.member("text") {
                writer.object {
                    writer.member("title") { writer.string(item.text.title) }
                    writer.member("summary") { writer.string(item.text.summary) }
                    writer.member("content") { writer.string(item.text.content) }
                }
            }
            writer.member("authors") { writer.array(item.authors) { writer.string($0) } }
            writer.member("categories") { writer.array(item.categories) { writer.string($0) } }
            writer.member("published") { writer.date(item.published) }
            writer.member("updated") { writer.date(item.updated) }
        }
    }

    /// A date as `2024-05-01T12:00:00Z`, whole seconds, UTC.
    public static func isoString(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let civil = CivilDate(daysSince1970: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(civil.text)T\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
            + ":\(two(secondOfDay % 60))Z"
    }
}

/// Appends JSON tokens to a string; commas are placed by nesting level.
private final class JSONWriter {
    var text = ""
    private var needsComma = [false]

    func object(_ body: () -> Void) {
        separate()
        text += "{"
        needsComma.append(false)
        body()
        needsComma.removeLast()
        text += "}"
    }

    func member(_ key: String, _ value: () -> Void) {
        separate()
        appendQuoted(key)
        text += ":"
        needsComma[needsComma.count - 1] = false
        value()
        needsComma[needsComma.count - 1] = true
    }

    func array<Element>(_ elements: [Element], _ write: (Element) -> Void) {
        separate()
        text += "["
        needsComma.append(false)
        for element in elements {
            write(element)
            needsComma[needsComma.count - 1] = true
        }
        needsComma.removeLast()
        text += "]"
    }

    func string(_ value: String?) {
        separate()
        guard let value else {
            text += "null"
            return
        }
        appendQuoted(value)
    }

    func date(_ value: Date?) {
        string(value.map(FeedJSON.isoString))
    }

    func number(_ value: Double?) {
        separate()
        guard let value, value.isFinite else {
            text += "null"
            return
        }
        text += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
    }

    private func appendQuoted(_ value: String) {
        JSONString.append(quoted: value, to: &text)
    }
}
