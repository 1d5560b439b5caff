import AlertLog
import Foundation

extension Alert {
    /// The alert `feedwatch sinks test` sends: plainly a test in every field a
    /// person or a filter might look at, with the id `test-<UTC timestamp>`.
    public static func test(sink: String, time: Date) -> Alert {
        // Whole seconds, like every alert, so the log, memory and webhook agree.
        let whole = Date(timeIntervalSince1970: time.timeIntervalSince1970.rounded(.down))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        let stamp = formatter.string(from: whole)
        let text = "feedwatch test alert for sink '\(sink)': if you can read this, delivery works"
        return Alert(
            id: "test-\(stamp)", time: whole, rule: "feedwatch-test", severity: .info,
            feed: "feedwatch",
            item: AlertItem(
                id: "test-\(stamp)", title: "TEST: \(text)", link: nil, published: whole),
            matches: [], entities: [],
            snippet: "This is a test sent by `feedwatch sinks test`; no feed item matched.",
            story: "test-\(stamp)", sources: 0)
    }
}
