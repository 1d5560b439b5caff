import AlertTestSupport
import FeedModel
import Foundation
import RuleEngine
import Testing

@testable import AlertLog

@Suite struct AlertLogTests {
    @Test func appendedAlertsReadBackIdentically() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("logs/alerts.jsonl")
        let first = sampleAlert(itemID: "a")
        let second = sampleAlert(rule: "iskp-claim", itemID: "b", severity: .critical)
        try AlertLogWriter(path: path).append([first])
        try AlertLogWriter(path: path).append([second])

        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts == [first, second])
        #expect(corrupt.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.contains(#""link":"https://example.org/a?a=1&b=2""#))
    }

    @Test func recordHasTheDocumentedFields() throws {
        let data = try AlertLogFormat.makeEncoder().encode(sampleAlert())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "id", "kind", "time", "rule", "severity", "feed", "item", "matches",
                    "entities", "snippet", "story", "sources",
                ])
        #expect(object["kind"] as? String == "alert")
        let item = try #require(object["item"] as? [String: Any])
        #expect(Set(item.keys) == ["id", "title", "link", "published"])
        #expect(item["published"] is NSNull)
        #expect(object["time"] as? String == "2026-11-18T11:06:40Z")
    }

    @Test func corruptLinesAreReportedWithTheirNumberAndSkipped() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        try AlertLogWriter(path: path).append([sampleAlert(itemID: "a")])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"id\": \"half a line\n\n{\"id\":\"x\"}\n".utf8))
        try handle.close()
        try AlertLogWriter(path: path).append([sampleAlert(itemID: "b")])

        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts.map(\.item.id) == ["a", "b"])
        #expect(corrupt.map(\.line) == [2, 4])
        #expect(corrupt[0].description.hasPrefix("\(path):2: alerting:"))
        #expect(corrupt[1].reason.contains("missing field"))
    }

    @Test func missingLogIsEmpty() throws {
        let folder = try TemporaryFolder()
        let (alerts, corrupt) = try AlertLogReader(path: folder.path("none.jsonl")).readAll()
        #expect(alerts.isEmpty && corrupt.isEmpty)
    }

    @Test func unwritableLogIsAClearError() throws {
        let folder = try TemporaryFolder()
        try Data().write(to: URL(fileURLWithPath: folder.path("file")))
        #expect(throws: AlertLogError.self) {
            try AlertLogWriter(path: folder.path("file/alerts.jsonl"))
        }
    }
}

@Suite struct AlertIdentityTests {
    @Test func sameRuleSameItemSameID() {
        #expect(sampleAlert().id == sampleAlert(time: Date()).id)
        // Pinned: ids already in users' logs must stay valid across upgrades.
        #expect(
            AlertID.make(rule: "r", feed: "f", itemID: "i") == "a0c27e517d1d76b16b73c8501238df24")
    }

    @Test func anyDifferenceGivesAnotherID() {
        let base = AlertID.make(rule: "r", feed: "f", itemID: "i")
        #expect(AlertID.make(rule: "r2", feed: "f", itemID: "i") != base)
        #expect(AlertID.make(rule: "r", feed: "f2", itemID: "i") != base)
        #expect(AlertID.make(rule: "r", feed: "f", itemID: "i2") != base)
        // Boundaries between parts count: ("ab", "c") is not ("a", "bc").
        #expect(
            AlertID.make(rule: "ab", feed: "c", itemID: "i")
                != AlertID.make(rule: "a", feed: "bc", itemID: "i"))
    }

    @Test func nestedAndRepeatedMatchesAreDropped() {
        let matches = [
            TermMatch(term: "#attack", field: .title, text: "suicide bombing"),
            TermMatch(term: "#attack", field: .title, text: "bombing"),
            TermMatch(term: "#attack", field: .title, text: "suicide bombing"),
            TermMatch(term: "#attack", field: .summary, text: "bombing"),
            TermMatch(term: "@iskp", field: .title, text: "ISK"),
            TermMatch(term: "@iskp", field: .title, text: "ISK-P"),
        ]
        #expect(
            AlertBuilder.distinct(matches) == [
                TermMatch(term: "#attack", field: .title, text: "suicide bombing"),
                TermMatch(term: "#attack", field: .summary, text: "bombing"),
                TermMatch(term: "@iskp", field: .title, text: "ISK-P"),
            ])
    }

    @Test func snippetIsTheWindowAroundTheFirstBodyMatch() {
        let long = String(repeating: "Filler words here. ", count: 20)
        let text = ItemText(title: "Blast", summary: long + "Khalilur Rehman Haqqani died." + long)
        let snippet = AlertBuilder.snippet(
            for: [
                TermMatch(term: "#attack", field: .title, text: "Blast"),
                TermMatch(
                    term: "@khalil-haqqani", field: .summary, text: "Khalilur Rehman Haqqani"),
            ], in: text)
        #expect(snippet.contains("Khalilur Rehman Haqqani died."))
        #expect(snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(snippet.count <= 2 * AlertBuilder.snippetContext + 40)
    }

    @Test func titleOnlyMatchGivesTheOpeningOfTheBody() {
        let text = ItemText(
            title: "ISKP claims attack",
            summary: "The group said   one of its fighters\ncarried it out.")
        let snippet = AlertBuilder.snippet(
            for: [TermMatch(term: "@iskp", field: .title, text: "ISKP")], in: text)
        #expect(snippet == "The group said one of its fighters carried it out.")
    }
}

@Suite struct AlertLogRotationTests {
    @Test func rotatesBySizeAndReadsAcrossFilesInOrder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        let log = try AlertLogWriter(path: path, rotationSize: 1500)
        let written = (0..<12).map { sampleAlert(itemID: "item-\($0)") }
        for alert in written { try log.append([alert]) }

        let files = AlertLogFiles(path: path).chronological()
        #expect(files.count >= 3)
        #expect(files.last == path)
        #expect(files.first == path + ".1")
        #expect(files.dropLast().last == path + ".\(files.count - 1)")
        for file in files.dropLast() {
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int ?? 0
            #expect(size >= 1500)
        }
        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts == written)
        #expect(corrupt.isEmpty)
    }

    @Test func corruptLineNamesTheRotatedFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("alerts.jsonl")
        try Data("not json\n".utf8).write(to: URL(fileURLWithPath: path + ".1"))
        try AlertLogWriter(path: path).append([sampleAlert()])
        let (alerts, corrupt) = try AlertLogReader(path: path).readAll()
        #expect(alerts.count == 1)
        #expect(
            corrupt.map(\.description) == [
                "\(path).1:1: alerting: skipped a corrupt line: not valid JSON"
            ])
    }
}
