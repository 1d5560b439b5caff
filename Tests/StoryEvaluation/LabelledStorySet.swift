import FeedModel
import FeedParser
import Foundation
import RuleEngine

/// A labelled set of news reports for measuring story grouping: each report
/// carries the incident it is about, and the set's watchlist comes with it.
///
/// The sets live in `Tests/StoriesTests/Fixtures` (their README says how they
/// were written and labelled). A grouper reads only what a feed would carry:
/// feed, time, title, summary and link; `incident` is the answer.
public struct LabelledStorySet: Sendable {
    /// One line of a set's `.jsonl` file.
    public struct Report: Sendable, Decodable {
        public var report: String
        public var incident: String
        public var feed: String
        public var published: Date
        public var title: String
        public var summary: String
        public var link: String
    }

    public var name: String
    /// In arrival order: by publication time, then report id.
    public var reports: [Report]
    /// The set's watchlist and rule, compiled.
    public var rules: RuleSet
    /// Each report as the monitor would hold it after parsing its feed.
    public var items: [String: Item]

    /// The sets of the fixtures, in the order the benchmark prints them.
    public static let all: [(folder: String, file: String)] = [
        ("set1", "dev"), ("set1", "heldout"), ("set2", "heldout2"), ("set3", "final"),
        ("set4", "unseen"), ("set5", "unseen5"), ("set6", "unseen6"),
    ]

    /// Loads `file`.jsonl and the `entities.rules` of `folder`.
    public static func load(fixtures: URL, folder: String, file: String) throws -> LabelledStorySet
    {
        let directory = fixtures.appendingPathComponent(folder)
        let lines = try String(
            contentsOf: directory.appendingPathComponent(file + ".jsonl"), encoding: .utf8)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var reports: [Report] = []
        for (number, line) in lines.split(separator: "\n").enumerated()
        where !line.allSatisfy(\.isWhitespace) {
            do {
                reports.append(try decoder.decode(Report.self, from: Data(line.utf8)))
            } catch {
                throw LabelledSetError(
                    message:
                        "\(folder)/\(file).jsonl:\(number + 1): not a labelled report: \(error)")
            }
        }
        reports.sort { ($0.published, $0.report) < ($1.published, $1.report) }
        let rulesSource = try String(
            contentsOf: directory.appendingPathComponent("entities.rules"), encoding: .utf8)
        let rules = try RuleSet.compile(files: [("\(folder)/entities.rules", rulesSource)])
        let feed = try FeedParser.parse(Data(rss(of: reports).utf8))
        let items = Dictionary(
            feed.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return LabelledStorySet(name: file, reports: reports, rules: rules, items: items)
    }

    /// The reports as one RSS 2.0 document, so that their text goes through the
    /// parser as a feed's would (HTML in summaries reduced, references decoded).
    static func rss(of reports: [Report]) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            "<rss version=\"2.0\"><channel><title>labelled set</title>",
            "<link>https://labelled.example/</link><description>labelled set</description>",
        ]
        let dates = DateFormatter()
        dates.locale = Locale(identifier: "en_US_POSIX")
        dates.timeZone = TimeZone(identifier: "UTC")
        dates.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        for report in reports {
            lines.append(
                "<item><guid isPermaLink=\"false\">\(escaped(report.report))</guid>"
                    + "<title>\(escaped(report.title))</title><link>\(escaped(report.link))</link>"
                    + "<description>\(escaped(report.summary))</description>"
                    + "<pubDate>\(dates.string(from: report.published))</pubDate></item>")
        }
        lines.append("</channel></rss>")
        return lines.joined(separator: "\n")
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<", with: "&lt;"
        )
        .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A labelled set that cannot be read.
public struct LabelledSetError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
