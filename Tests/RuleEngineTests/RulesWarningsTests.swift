import Testing

@testable import RuleEngine

/// `rules check` warns of what is legal but most likely a mistake; each kind
/// of warning, where it points, and what it does not warn about.
@Suite struct RulesWarningsTests {
    /// The warnings of one file, `test.rules`.
    static func warnings(_ source: String, feeds: [FeedContext]? = nil) -> [RulesWarning] {
        RuleSet.warnings(files: [(name: "test.rules", source: source)], feeds: feeds)
    }

    /// An entity every rule below can use, so that only the warning under test shows.
    static let wagner = """
        entity "Wagner Group"
          id wagner
          tag wagner
        list attack
          attack, assault

        """

    @Test func lowercaseOperatorsBetweenTermsAreWarnedWithTheOperatorToWrite() throws {
        let source =
            Self.wagner + """
                rule "Wagner attack"
                  match @tag:wagner NEAR/8 #attack and not documentary
                """
        let warnings = Self.warnings(source)
        #expect(warnings.map(\.kind) == [.lowercaseOperator, .lowercaseOperator])
        let first = try #require(warnings.first)
        #expect(first.problem.line == 7)
        #expect(first.problem.column == 36)
        #expect(first.problem.message.contains("write AND"))
        #expect(warnings[1].problem.message.contains("write NOT"))
        #expect(first.description.hasPrefix("test.rules:7:36: rules: warning: and is read as"))
        // The caret sits under the word, as under errors.
        let rendered = first.rendered()
        #expect(rendered.contains("\n    " + String(repeating: " ", count: 35) + "^"))
    }

    @Test func lowercaseWordsInQuotesOrAtTheEdgesAreNotWarned() {
        let source =
            Self.wagner + """
                rule "Wagner and friends"
                  match "Wagner and friends" OR (@wagner AND #attack)
                  unless not
                """
        #expect(Self.warnings(source).isEmpty)
        let near = Self.warnings(
            Self.wagner + """
                rule "Wagner near"
                  match @wagner near/5 #attack
                """)
        #expect(near.map(\.kind) == [.lowercaseOperator])
        #expect(near.first?.problem.message.contains("write NEAR/5") == true)
    }

    @Test func anUnlessThatEveryMatchHoldsMeansTheRuleNeverFires() throws {
        let source =
            Self.wagner + """
                rule "Wagner obituary"
                  id wagner-obituary
                  match @wagner AND title:obituary
                  unless obituary
                rule "Fine"
                  match @wagner AND obituary
                  unless title:obituary
                """
        let warnings = Self.warnings(source)
        #expect(warnings.map(\.kind) == [.neverFires])
        let warning = try #require(warnings.first)
        #expect(warning.problem.line == 9)
        #expect(warning.problem.message.contains("wagner-obituary can never fire"))
        #expect(warning.problem.message.contains("unless obituary"))
    }

    @Test func anUnlessOfASpellingOfAMatchedWordVetoesToo() {
        let source =
            Self.wagner + """
                rule "Rehman"
                  match @wagner NEAR/5 rahman
                  unless rehman OR drill
                """
        #expect(Self.warnings(source).map(\.kind) == [.neverFires])
    }

    @Test func contradictoryFieldScopesAndNearAcrossFieldsNeverFire() {
        let nested = Self.warnings(
            Self.wagner + """
                rule "Nested"
                  match @wagner AND title:(summary:attack)
                """)
        #expect(nested.map(\.kind) == [.neverFires])
        #expect(nested.first?.problem.message.contains("looked for in no field") == true)
        #expect(nested.first?.problem.column == 36)
        let near = Self.warnings(
            Self.wagner + """
                rule "Across fields"
                  match title:@wagner NEAR/5 content:#attack
                """)
        #expect(near.map(\.kind) == [.neverFires])
        #expect(near.first?.problem.message.contains("only in title") == true)
        // One alternative that can hold keeps the rule alive.
        let alive = Self.warnings(
            Self.wagner + """
                rule "Alive"
                  match title:(summary:attack) OR @wagner
                """)
        #expect(alive.isEmpty)
    }

    @Test func feedFiltersNoFeedPassesAreWarnedWhenTheFeedsAreKnown() throws {
        let source =
            Self.wagner + """
                rule "Africa only"
                  id africa
                  match @wagner
                  feeds tag:africa
                rule "Some feeds"
                  match @wagner
                  feeds tag:afpak, dwan
                """
        let feeds = [
            FeedContext(name: "dawn", tags: ["afpak"]), FeedContext(name: "bbc", tags: ["world"]),
        ]
        let warnings = Self.warnings(source, feeds: feeds)
        #expect(warnings.map(\.kind) == [.neverFires, .unknownFeed])
        let dead = try #require(warnings.first)
        #expect(dead.problem.message.contains("africa can never fire"))
        #expect(dead.problem.message.contains("the tags are afpak, world"))
        #expect((dead.problem.line, dead.problem.column) == (9, 9))
        #expect(warnings[1].problem.message.contains("did you mean dawn?"))
        // Without feeds.conf, the filters are not judged.
        #expect(Self.warnings(source).isEmpty)
    }

    @Test func namesAndAliasesUnderThreeLettersAreWarned() {
        let source = """
            entity "Islamic State Khorasan Province"
              id iskp
              alias "IS", "IS-K", "I.S.", "Islamic State"
            entity "王"
              id wang
            rule "ISKP"
              match @iskp OR @wang
            """
        let warnings = Self.warnings(source)
        #expect(warnings.map(\.kind) == [.shortAlias, .shortAlias])
        #expect(warnings.map(\.problem.column) == [9, 23])
        #expect(warnings.first?.problem.message.contains("matches the word \"is\"") == true)
    }

    @Test func wildcardsOfThreeLettersAreWarnedWhereverWritten() {
        let source = """
            entity "Wagner Group"
              id wagner
              alias "Wag* Group"
            list attack
              "war*", "attack*"
            rule "Wagner"
              match @wagner NEAR/5 (#attack OR kil*)
            """
        let warnings = Self.warnings(source)
        #expect(warnings.map(\.kind) == [.broadWildcard, .broadWildcard, .broadWildcard])
        #expect(warnings.map(\.problem.line) == [3, 5, 7])
        #expect(warnings[1].problem.message.hasPrefix("war* in \"war*\" catches every word"))
    }

    @Test func entitiesNoRuleUsesAreWarnedButThoseReachedByTagOrKindAreNot() {
        let source = """
            entity "Wagner Group"
              id wagner
              kind group
            entity "Yevgeny Prigozhin"
              kind person
              tag wagner-leaders
            entity "Dmitry Utkin"
              kind person
            entity "Bakhmut"
              kind place
            rule "Leaders"
              match @tag:wagner-leaders OR @wagner
              unless @kind:place
            """
        let warnings = Self.warnings(source)
        #expect(warnings.map(\.kind) == [.unusedEntity])
        #expect(warnings.first?.problem.line == 7)
        #expect(warnings.first?.problem.message.contains("dmitry-utkin") == true)
    }

    /// The starter folder is what a new user copies: it must pass `rules
    /// check --strict`, or the first thing they see is a list of warnings.
    @Test func theStarterRulesHaveNoWarnings() throws {
        let folder = StarterRulesTests.rulesDirectory
        let warnings = try RuleSet.warnings(directory: folder, feeds: nil)
        #expect(warnings.map(\.description) == [])
    }
}
