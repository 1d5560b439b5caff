import FeedModel
import Testing

@testable import RuleEngine

/// An item naming more entities than the evidence keeps still lists every
/// entity, and says its evidence was cut; below the limit nothing is cut.
@Suite struct EvidenceLimitTests {
    /// A name of letters only, distinct for each number: "Vark Bacad".
    static func name(_ number: Int) -> String {
        let letters = Array("bcdfghjklmnpqrstvwxz")
        var word = ""
        var rest = number
        for _ in 0..<4 {
            word.append(letters[rest % letters.count])
            word.append("a")
            rest /= letters.count
        }
        return "Vark " + word.capitalized
    }

    /// Rules of `count` entities tagged `network`, and one rule on the tag.
    static func rules(entities count: Int) throws -> RuleSet {
        var source = ""
        for number in 0..<count {
            source += "entity \"\(name(number))\"\n  id person-\(number)\n  tag network\n\n"
        }
        source += "rule \"Network\"\n  id network\n  severity high\n  match @tag:network\n"
        return try RuleSet.from(source)
    }

    static func item(naming count: Int) -> Item {
        let text = (0..<count).map { "\(name($0)) was named." }.joined(separator: " ")
        return FeedModelItems.titled("Sanctions list published", content: text)
    }

    @Test func fiveHundredEntitiesAreAllListedAndNothingIsCut() throws {
        let rules = try Self.rules(entities: 500)
        let hit = try #require(
            rules.evaluate(Self.item(naming: 500), feed: FeedContext(name: "wire")).first)
        #expect(hit.entities.count == 500)
        #expect(Set(hit.entities) == Set((0..<500).map { "person-\($0)" }))
        #expect(hit.matches.count == 500)
        #expect(!hit.evidenceTruncated)
    }

    @Test func pastTheLimitTheEvidenceIsCutAndSaysSoButNoEntityIsLost() throws {
        let count = RuleHit.evidenceLimit + 300
        let rules = try Self.rules(entities: count)
        let hit = try #require(
            rules.evaluate(Self.item(naming: count), feed: FeedContext(name: "wire")).first)
        #expect(hit.evidenceTruncated)
        #expect(hit.matches.count == RuleHit.evidenceLimit)
        #expect(hit.entities.count == count)
        #expect(hit.entities.last == "person-\(count - 1)")
    }
}
