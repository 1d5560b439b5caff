import AlertLog
import AlertTestSupport
import Foundation
import Testing

@testable import AlertReview

/// The `alerts` list: aligned columns fitted to the width, titles cut and
/// never the layout, rows of one item in one pass grouped under it.
@Suite struct AlertTableTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func rows() -> [AlertRow] {
        let long = String(
            repeating: "Khalil Haqqani killed in Kabul blast, officials say; ", count: 4)
        let first = sampleAlert(rule: "haqqani-attack", itemID: "i1", time: now, title: long)
        let second = sampleAlert(
            rule: "kabul-attacks-and-other-very-long-rule-names", itemID: "i1", severity: .medium,
            time: now, title: long)
        let other = sampleAlert(
            rule: "iskp", feed: "a-feed-with-a-name-longer-than-twenty", itemID: "i2",
            time: now.addingTimeInterval(-600), title: "喀布尔爆炸 — ISKP claims")
        return [
            AlertRow(first, sources: 3, acknowledged: true),
            AlertRow(second, sources: 3, acknowledged: false),
            AlertRow(other, sources: nil, acknowledged: false),
        ]
    }

    @Test(arguments: [60, 80, 100, 132, 200])
    func everyLineFitsAndColumnsLineUp(width: Int) throws {
        let table = AlertTable(width: width, time: .utc, color: false, now: now)
        let lines = table.lines(rows())
        #expect(lines.count == 4)
        // Below 80 the fixed columns alone overflow: the title keeps its 10 columns.
        for line in lines where width >= 80 {
            #expect(TerminalText.width(line) <= width, "\(line)")
        }
        // Every column of an item's row starts where the header's does (the
        // wide characters are in the titles, the last column).
        let header = Array(lines[0])
        #expect(lines[0].contains("PUBLISHED") == (width >= 100))
        for name in ["SEVERITY", "RULE", "FEED", "PUBLISHED", "DETECTED", "TITLE"]
        where lines[0].contains(name) {
            let column = try #require(lines[0].range(of: name)).lowerBound.utf16Offset(
                in: lines[0])
            for line in [lines[1], lines[3]].map(Array.init) {
                #expect(
                    line.count > column && line[column] != " " && line[column - 1] == " ",
                    "\(name) at \(column) in \(String(line))")
            }
            #expect(header[column] != " ")
        }
    }

    @Test func rowsOfOneItemAreGroupedUnderIt() {
        let lines = AlertTable(width: 132, time: .utc, color: false, now: now).lines(rows())
        #expect(lines[1].contains("Khalil Haqqani killed"))
        #expect(lines[1].contains("11-18 11:06"))
        // The second rule on the same item: its id, severity and rule, then "same item".
        #expect(lines[2].hasPrefix(String(rows()[1].id.prefix(10))))
        #expect(lines[2].contains("MEDIUM"))
        #expect(lines[2].contains("″ same item"))
        #expect(!lines[2].contains("herald"))
        #expect(lines[3].contains("喀布尔爆炸"))
    }

    @Test func titlesAreCutWithAnEllipsisAndAcknowledgedRowsMarked() {
        let lines = AlertTable(width: 100, time: .utc, color: false, now: now).lines(rows())
        #expect(lines[1].hasSuffix("…"))
        #expect(lines[1].contains(" ✓ "))
        #expect(!lines[2].contains("✓"))
        // A rule name longer than its column is cut too, keeping the columns.
        #expect(lines[2].contains("kabul-att"))
        #expect(!lines[2].contains("long-rule-names"))
    }

    @Test func timesAreInTheDisplayZoneAndTheHeaderSaysWhich() throws {
        let kolkata = DisplayTime(zone: try #require(TimeZone(identifier: "Asia/Kolkata")))
        let lines = AlertTable(width: 200, time: kolkata, color: false, now: now).lines(rows())
        #expect(lines[0].contains("times Asia/Kolkata (+05:30)"))
        let utcLines = AlertTable(width: 200, time: .utc, color: false, now: now).lines(rows())
        #expect(utcLines[0].contains("times UTC"))
        // 2026-11-18T11:06:40Z is 16:36 in Kolkata.
        #expect(utcLines[1].contains("11-18 11:06"))
        #expect(lines[1].contains("11-18 16:36"))
        #expect(kolkata.minute(now) == "2026-11-18 16:36+05:30")
        #expect(DisplayTime.utc.minute(now) == "2026-11-18 11:06Z")
    }

    @Test func olderAlertsShowTheirYear() {
        let later = now.addingTimeInterval(400 * 86400)
        let lines = AlertTable(width: 200, time: .utc, color: false, now: later).lines(rows())
        #expect(lines[1].contains("2026-11-18 11:06"))
    }

    @Test(arguments: [
        ("local", true), ("UTC", true), ("utc", true), ("Europe/Paris", true),
        ("America/Argentina/Buenos_Aires", true), ("Mars/Olympus", false), ("EST5", false),
        ("+05:30", false), ("", false),
    ])
    func zoneNames(name: String, known: Bool) {
        #expect((DisplayTime.zone(named: name) != nil) == known)
    }
}
