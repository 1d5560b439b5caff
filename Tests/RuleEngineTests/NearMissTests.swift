import Testing

@testable import RuleEngine

/// `rules test --explain`: the rules that came close to firing on an item, and
/// why each did not: the unless that vetoed it, the NEAR distance, the field
/// scope, the feed filter, the parts that did not occur.
@Suite struct NearMissTests {
    static let rules = """
        entity "Khalil Haqqani"
          alias "Khalilur Rehman Haqqani"
          tag haqqani-network
        entity "Peshawar"
          tag pakistan
        list attack
          "suicide bomb*", "blast", "attack*"
        rule "Attack on a Haqqani figure"
          id haqqani-attack
          match @tag:haqqani-network NEAR/5 #attack
          unless "training exercise" OR title:obituary
        rule "Attack in Peshawar"
          id peshawar-attack
          match title:(@peshawar NEAR/5 #attack)
        rule "Haqqani in Africa"
          id africa
          match @khalil-haqqani
          feeds tag:africa, nation
        rule "Haqqani and a blast"
          id haqqani-blast
          match @khalil-haqqani AND blast AND ministry
        """

    static let ruleSet = Result { try RuleSet.from(rules) }

    static func nearMisses(
        _ title: String, summary: String = "", content: String = "",
        feed: FeedContext = FeedContext(name: "test")
    ) throws -> [NearMiss] {
        try ruleSet.get().nearMisses(
            FeedModelItems.titled(title, summary: summary, content: content), feed: feed)
    }

    @Test func anUnlessThatVetoesIsNamedWithTheTextThatMatchedIt() throws {
        let misses = try Self.nearMisses("Khalil Haqqani obituary: he survived a suicide bombing")
        let miss = try #require(misses.first { $0.rule == "haqqani-attack" })
        #expect(miss.reason == .unless)
        #expect(miss.unless == "\"training exercise\" OR title:obituary")
        #expect(
            miss.unlessMatches == [TermMatch(term: "obituary", field: .title, text: "obituary")])
        #expect(miss.held == ["@tag:haqqani-network", "#attack"])
        #expect(miss.missing.isEmpty)
    }

    @Test func aNearMissGivesTheDistanceFoundAndTheOneAllowed() throws {
        let misses = try Self.nearMisses(
            "Khalil Haqqani spoke for an hour in Kabul on Friday before the blast")
        let miss = try #require(misses.first { $0.rule == "haqqani-attack" })
        #expect(miss.reason == .near)
        // Each side held on its own; together they are too far apart.
        #expect(miss.held == ["@tag:haqqani-network", "#attack"])
        #expect(miss.missing.isEmpty)
        #expect(
            miss.near == [
                NearMiss.NearDistance(
                    query: "@tag:haqqani-network NEAR/5 #attack", allowed: 5, found: 10,
                    field: .title)
            ])
    }

    @Test func nearSidesInDifferentFieldsHaveNoDistance() throws {
        let misses = try Self.nearMisses("Khalil Haqqani speaks", content: "A blast in Kabul.")
        let near = try #require(misses.first { $0.rule == "haqqani-attack" }?.near.first)
        #expect(near.found == nil)
        #expect(near.field == nil)
    }

    @Test func aTermOutsideItsFieldScopeIsNamedWithWhereItWasFound() throws {
        let misses = try Self.nearMisses(
            "Peshawar market reopens", content: "Peshawar saw a blast last year.")
        let miss = try #require(misses.first { $0.rule == "peshawar-attack" })
        #expect(miss.reason == .fieldScope)
        #expect(miss.fieldScope.map(\.term) == ["#attack"])
        #expect(miss.fieldScope.first?.scope == [.title])
        #expect(
            miss.fieldScope.first?.foundIn == [
                TermMatch(term: "#attack", field: .content, text: "blast")
            ])
        #expect(miss.missing == ["title:(@peshawar NEAR/5 #attack)"])
    }

    @Test func aFeedFilterTheFeedDoesNotPassIsNamedWithTheFeedsTags() throws {
        let feed = FeedContext(name: "dawn", tags: ["afpak"])
        let misses = try Self.nearMisses("Khalil Haqqani speaks", feed: feed)
        let miss = try #require(misses.first { $0.rule == "africa" })
        #expect(miss.reason == .feedFilter)
        #expect(
            miss.feedFilter
                == NearMiss.FeedFilterMiss(
                    filters: ["tag:africa", "nation"], feed: "dawn", feedTags: ["afpak"]))
        // A feed the filter passes: the rule fires, and is no near miss.
        let passed = try Self.nearMisses(
            "Khalil Haqqani speaks", feed: FeedContext(name: "x", tags: ["africa"]))
        #expect(!passed.contains { $0.rule == "africa" })
    }

    @Test func thePartsOfAnAndThatHeldAndThoseThatDidNot() throws {
        let misses = try Self.nearMisses("Khalil Haqqani near the blast")
        let miss = try #require(misses.first { $0.rule == "haqqani-blast" })
        #expect(miss.reason == .missing)
        #expect(miss.held == ["@khalil-haqqani", "blast"])
        #expect(miss.missing == ["ministry"])
    }

    @Test func rulesWithNothingOfTheirMatchInTheItemAreNotNearMisses() throws {
        let misses = try Self.nearMisses("Storm closes airports", content: "Cold air ahead.")
        #expect(misses.map(\.rule) == [])
        let unrelated = try Self.nearMisses("Peshawar market reopens")
        #expect(unrelated.map(\.rule) == ["peshawar-attack"])
    }

    @Test func explainingChangesNothingThatFires() throws {
        let ruleSet = try Self.ruleSet.get()
        let item = FeedModelItems.titled("Khalil Haqqani killed in suicide bombing")
        let before = ruleSet.evaluate(item, feed: FeedContext(name: "test"))
        let misses = ruleSet.nearMisses(item, feed: FeedContext(name: "test"))
        #expect(before.map(\.rule) == ["haqqani-attack"])
        #expect(!misses.contains { $0.rule == "haqqani-attack" })
        #expect(ruleSet.evaluate(item, feed: FeedContext(name: "test")) == before)
    }
}
