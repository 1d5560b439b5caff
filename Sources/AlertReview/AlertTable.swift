import AlertLog
import Foundation
import RuleEngine

/// The `alerts` list: a header and one aligned row per alert, fitted to the
/// width of the terminal. Long titles (then rules and feeds) are cut, never
/// the columns; below about 100 columns the published time is left out, for
/// every row alike. Rows of several rules that fired on one item in one
/// pass are grouped under the item (the item's columns left blank after its
/// first row).
///
/// ```
/// ID           SEVERITY  RULE            FEED   PUBLISHED    DETECTED     SRC  TITLE (times UTC)
/// 7c1e2a9b04 ✓ HIGH      haqqani-attack  dawn   12-03 06:31  12-03 06:45    3  Khalil Haqqani kil…
/// 3f2a9c0e7b   MEDIUM    ministry-watch                                        ″ same item
/// ```
public struct AlertTable {
    /// The characters of an id shown: unique among a million alerts but for
    /// a rare pair, which `alerts show` then asks to lengthen.
    public static let shortIDLength = 10

    public var width: Int
    public var time: DisplayTime
    public var color: Bool
    /// The current year, below which times show their year.
    public var now: Date

    public init(width: Int, time: DisplayTime, color: Bool, now: Date = Date()) {
        self.width = width
        self.time = time
        self.color = color
        self.now = now
    }

    /// The header and the rows.
    public func lines(_ rows: [AlertRow]) -> [String] {
        let thisYear = time.year(now)
        let withinYear = rows.allSatisfy { row in
            let published = row.published.map { time.year($0) } ?? thisYear
            return time.year(row.detected) == thisYear && published == thisYear
        }
        let clock = { [time] (date: Date) -> String in
            withinYear ? time.shortColumn(date) : time.column(date)
        }
        let timeWidth = withinYear ? 11 : 16
        // ID and mark, severity, two times, sources, and a gap of two before each next column.
        var fixed = Self.shortIDLength + 2 + 8 + timeWidth * 2 + 3 + 2 * 7
        var ruleWidth = min(24, max(4, rows.map { TerminalText.width($0.rule) }.max() ?? 4))
        var feedWidth = min(20, max(4, rows.map { TerminalText.width($0.feed) }.max() ?? 4))
        // Rule and feed give way (to 10 columns each) before the title drops below 24.
        while fixed + ruleWidth + feedWidth + 24 > width && (ruleWidth > 10 || feedWidth > 10) {
            if ruleWidth >= feedWidth && ruleWidth > 10 { ruleWidth -= 1 } else { feedWidth -= 1 }
        }
        // On a narrow terminal the published time goes, for all rows alike,
        // before the title drops below 20.
        let showsPublished = fixed + ruleWidth + feedWidth + 20 <= width
        if !showsPublished { fixed -= timeWidth + 2 }
        let titleWidth = max(10, width - fixed - ruleWidth - feedWidth)
        let columns = Columns(
            rule: ruleWidth, feed: feedWidth, time: timeWidth, title: titleWidth,
            showsPublished: showsPublished)
        var lines = [
            columns.line(
                id: "ID", mark: " ", severity: "SEVERITY", rule: "RULE", feed: "FEED",
                published: "PUBLISHED", detected: "DETECTED", sources: "SRC",
                title: "TITLE (times \(time.label))")
        ]
        var previous: AlertRow?
        for row in rows {
            let label = TerminalText.fit(row.severity.rawValue.uppercased(), to: 8)
            let severity = color ? AlertText.paint(label, for: row.severity) : label
            let grouped = previous.map(row.sharesItem) ?? false
            var title = grouped ? "″ same item" : row.title
            if let kind = Self.kindLabel(row.kind) { title = kind + " " + title }
            lines.append(
                columns.line(
                    id: String(row.id.prefix(Self.shortIDLength)),
                    mark: row.acknowledged ? "✓" : " ",
                    severity: severity, rule: row.rule, feed: grouped ? "" : row.feed,
                    published: grouped ? "" : row.published.map(clock) ?? "-",
                    detected: grouped ? "" : clock(row.detected),
                    sources: grouped ? "" : String(row.sources), title: title))
            previous = row
        }
        return lines
    }

    /// What a row says before its title when it is not a plain alert.
    static func kindLabel(_ kind: AlertKind) -> String? {
        switch kind {
        case .alert: nil
        case .report: "(folded)"
        case .escalation: "(escalation)"
        case .feedHealth: "(feed health)"
        }
    }

    private struct Columns {
        var rule: Int
        var feed: Int
        var time: Int
        var title: Int
        var showsPublished: Bool

        // The severity arrives fitted (and perhaps painted): it is not measured again.
        func line(
            id: String, mark: String, severity: String, rule: String, feed: String,
            published: String, detected: String, sources: String, title: String
        ) -> String {
            var cells = [
                TerminalText.fit(id, to: AlertTable.shortIDLength) + " " + mark,
                severity.count == 8 || severity.contains("\u{1B}")
                    ? severity : TerminalText.fit(severity, to: 8),
                TerminalText.fit(rule, to: self.rule), TerminalText.fit(feed, to: self.feed),
            ]
            if showsPublished { cells.append(TerminalText.fit(published, to: time)) }
            cells += [
                TerminalText.fit(detected, to: time), TerminalText.rightAligned(sources, to: 3),
                TerminalText.cut(title, to: self.title),
            ]
            var line = cells.joined(separator: "  ")
            // No trailing spaces when the last cells are blank.
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
