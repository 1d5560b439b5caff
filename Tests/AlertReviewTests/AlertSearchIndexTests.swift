import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import RuleEngine
import SQLiteStore
import Store
import Testing

@testable import AlertReview

/// The review answers from the index exactly what it would from the log.
@Suite struct AlertSearchIndexTests {
    @Test(arguments: [
        AlertFilter(),
        AlertFilter(rule: "iskp-claim"),
        AlertFilter(entity: "iskp"),
        AlertFilter(severity: SeverityFilter("critical")),
        AlertFilter(severity: SeverityFilter("medium+")),
        AlertFilter(severity: SeverityFilter("medium")),
        AlertFilter(feed: "wire", grep: "REPORT 1"),
        AlertFilter(grep: "100%"),
        AlertFilter(grep: "100_"),
        AlertFilter(grep: "MINISTRY"),
        AlertFilter(grep: "[update]"),
        AlertFilter(grep: "3* dead?"),
        AlertFilter(grep: "ünal"),
        AlertFilter(grep: "1"),
        AlertFilter(grep: "no such words"),
        AlertFilter(entity: "iskp", grep: "report"),
        AlertFilter(entity: "nobody"),
        AlertFilter(rule: "haqqani-attack", entity: "iskp", severity: SeverityFilter("medium")),
        AlertFilter(
            since: Date(timeIntervalSince1970: 1_795_000_000 + 5 * 3600),
            until: Date(timeIntervalSince1970: 1_795_000_000 + 9 * 3600)),
    ])
    func indexAndLogAgree(filter: AlertFilter) throws {
        try checkAgreement(filter)
    }

    /// The exclusions, kinds and the exclusive end of `--until`.
    static let exclusions: [AlertFilter] = {
        var notISKP = AlertFilter()
        notISKP.excludedRules = ["iskp-claim"]
        var notWire = AlertFilter(rule: "haqqani-attack")
        notWire.excludedFeeds = ["wire"]
        var notEntity = AlertFilter()
        notEntity.excludedEntities = ["iskp"]
        var everything = AlertFilter()
        everything.excludedRules = ["iskp-claim", "haqqani-attack"]
        var alertsOnly = AlertFilter()
        alertsOnly.kinds = [.alert]
        var healthOnly = AlertFilter()
        healthOnly.kinds = [.feedHealth, .escalation]
        // The alert at exactly +9 h is left out: `until` is the end, not in it.
        let until = AlertFilter(until: Date(timeIntervalSince1970: 1_795_000_000 + 9 * 3600))
        return [notISKP, notWire, notEntity, everything, alertsOnly, healthOnly, until]
    }()

    @Test(arguments: exclusions)
    func indexAndLogAgreeOnExclusions(filter: AlertFilter) throws {
        try checkAgreement(filter)
    }

    private func checkAgreement(_ filter: AlertFilter) throws {
        let folder = try TemporaryFolder()
        let written = try SampleLog.write(in: folder)
        #expect(AlertLogFiles(path: folder.path("alerts.jsonl")).chronological().count > 3)

        let review = try AlertSearch(
            logPath: folder.path("alerts.jsonl"),
            index: SQLiteStateStore(path: folder.path("state.db"), access: .readOnly))
        #expect(review.usesIndex)
        let expected = Array(written.reversed().filter { filter.accepts($0) })
        #expect(try review.alerts(matching: filter, limit: nil).alerts == expected)
        #expect(try review.alerts(matching: filter, limit: 3).alerts == Array(expected.prefix(3)))
        #expect(
            try review.entries(matching: filter, limit: nil)?.map(\.alertID) == expected.map(\.id))
        #expect(try review.count(matching: filter) == expected.count)
        #expect(try review.statistics(matching: filter) == AlertStatistics(expected))
    }

    @Test func withoutAnIndexTheLogAnswers() throws {
        let folder = try TemporaryFolder()
        let written = try SampleLog.write(in: folder)
        let review = try AlertSearch(logPath: folder.path("alerts.jsonl"), index: nil)
        #expect(!review.usesIndex)
        #expect(try review.alerts(matching: AlertFilter(), limit: nil).alerts == written.reversed())
    }
}
