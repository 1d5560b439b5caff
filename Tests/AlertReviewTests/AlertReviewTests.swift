import AlertLog
import AlertTestSupport
import Foundation
import RuleEngine
import Testing

@testable import AlertReview

@Suite struct AlertReviewTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func severityFilters() throws {
        let highOrAbove = try #require(SeverityFilter("high+"))
        #expect(
            highOrAbove.accepts(.critical) && highOrAbove.accepts(.high)
                && !highOrAbove.accepts(.medium))
        let exactlyLow = try #require(SeverityFilter("low"))
        #expect(exactlyLow.accepts(.low) && !exactlyLow.accepts(.high))
        #expect(SeverityFilter("urgent") == nil)
        #expect(SeverityFilter("+") == nil)
    }

    @Test func everySetFilterMustHold() {
        let alert = sampleAlert(feed: "herald", time: now)
        #expect(AlertFilter().accepts(alert))
        #expect(
            AlertFilter(since: now.addingTimeInterval(-1), rule: "haqqani-attack").accepts(alert))
        #expect(!AlertFilter(since: now.addingTimeInterval(1)).accepts(alert))
        #expect(!AlertFilter(until: now.addingTimeInterval(-1)).accepts(alert))
        #expect(!AlertFilter(rule: "other").accepts(alert))
        #expect(AlertFilter(entity: "khalil-haqqani").accepts(alert))
        #expect(!AlertFilter(entity: "iskp").accepts(alert))
        #expect(!AlertFilter(severity: SeverityFilter("critical")).accepts(alert))
        #expect(!AlertFilter(feed: "wire").accepts(alert))
        #expect(!AlertFilter(story: "s-2").accepts(alert))
        #expect(AlertFilter(grep: "KABUL").accepts(alert))
        #expect(AlertFilter(grep: "five people").accepts(alert))
        #expect(!AlertFilter(grep: "Quetta").accepts(alert))
    }

    @Test func statisticsCountByEveryDimension() {
        let alerts = [
            sampleAlert(itemID: "a", time: now),
            sampleAlert(
                rule: "iskp-claim", itemID: "b", severity: .critical, time: now,
                entities: ["iskp", "khalil-haqqani"]),
            sampleAlert(feed: "wire", itemID: "c", time: now.addingTimeInterval(86400)),
        ]
        let statistics = AlertStatistics(alerts)
        #expect(statistics.total == 3)
        #expect(statistics.byRule == ["haqqani-attack": 2, "iskp-claim": 1])
        #expect(statistics.byEntity == ["khalil-haqqani": 3, "iskp": 1])
        #expect(statistics.byFeed == ["herald": 2, "wire": 1])
        #expect(statistics.byDay == ["2026-11-18": 2, "2026-11-19": 1])
        #expect(statistics.text.contains("by rule\n  haqqani-attack  2\n  iskp-claim      1"))
    }

    @Test func csvQuotesWhatNeedsQuoting() {
        let alert = sampleAlert(title: "Blast, \"huge\" one")
        let row = AlertCSV.row(alert)
        #expect(row.contains(#","Blast, ""huge"" one","#))
        #expect(row.hasPrefix(alert.id + ",2026-11-18T11:06:40Z,high,haqqani-attack,herald,"))
        #expect(AlertCSV.header.split(separator: ",").count == 16)
        #expect(row.hasSuffix(",alert,,,,"))
    }

    @Test func highlightMarksEveryMatchedText() {
        let matches = [TermMatch(term: "@k", field: .summary, text: "Haqqani")]
        #expect(
            AlertText.highlight("Khalil Haqqani and Haqqani", matches, color: false)
                == "Khalil »Haqqani« and »Haqqani«")
        #expect(
            AlertText.highlight("Haqqani", matches, color: true) == "\u{1B}[1;7mHaqqani\u{1B}[0m")
    }
}

@Suite struct AlertEvidenceTests {
    @Test func evidenceGroupsFieldsOfOneText() {
        let matches = [
            TermMatch(term: "@k", field: .title, text: "Khalil Haqqani"),
            TermMatch(term: "#attack", field: .title, text: "blast"),
            TermMatch(term: "@k", field: .summary, text: "Khalil Haqqani"),
        ]
        #expect(
            AlertText.evidence(matches)
                == #"@k "Khalil Haqqani" (title, summary); #attack "blast" (title)"#)
    }

    @Test func highlightsNeverNest() {
        let matches = [
            TermMatch(term: "#attack", field: .summary, text: "suicide bombing"),
            TermMatch(term: "#attack", field: .summary, text: "bombing"),
        ]
        #expect(
            AlertText.highlight("A suicide bombing, then another Bombing.", matches, color: false)
                == "A »suicide bombing«, then another »Bombing«.")
    }
}
