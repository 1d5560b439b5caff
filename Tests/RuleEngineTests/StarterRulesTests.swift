import Foundation
import Testing

@testable import RuleEngine

/// The starter `rules/` folder loads cleanly and passes its own rule tests.
@Suite struct StarterRulesTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    @Test func starterRulesLoadAndPassTheirTests() throws {
        let ruleSet = try RuleSet.load(directory: Self.rulesDirectory, knownSinks: [])
        #expect(ruleSet.rules.count >= 5)
        let cases = try RuleTestFiles.load(
            directory: Self.rulesDirectory.appendingPathComponent("tests"))
        #expect(cases.count >= 20)
        let failures = RuleTestRunner.run(cases, against: ruleSet)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test func starterRulesGiveEvidence() throws {
        let ruleSet = try RuleSet.load(directory: Self.rulesDirectory)
        let item = FeedModelItems.titled(
            "Khalilur Rehman Haqqani among dead in Kabul ministry blast")
        let hits = ruleSet.evaluate(item, feed: FeedContext(name: "test"))
        let haqqani = try #require(hits.first { $0.rule == "haqqani-attack" })
        #expect(haqqani.severity == .high)
        #expect(haqqani.entities == ["khalil-haqqani"])
        #expect(
            haqqani.matches.contains(
                TermMatch(term: "@khalil-haqqani", field: .title, text: "Khalilur Rehman Haqqani")))
        #expect(haqqani.matches.contains(TermMatch(term: "#attack", field: .title, text: "blast")))
        #expect(haqqani.notify == ["log"])
    }
}
