import FeedModel
import Testing

@testable import RuleEngine

/// The rules language: every construct, and every problem with its line and column.
@Suite struct ParserTests {
    static let entities = """
        entity "Khalil Haqqani"
          id khalil-haqqani                  # a comment
          kind person
          alias "Khalil Rahman Haqqani", "Khalilur Rehman Haqqani"
          alias "Khalil-ur-Rehman Haqqani"
          tag haqqani-network, taliban-leadership

        entity "Islamic State Khorasan Province"
          id iskp
          kind group
          alias "ISKP", "ISK-P"

        entity "Kabul"
          kind place

        list attack
          "suicide bomb*", "bombing", blast
          "kill*"

        equivalent rahman rehman rahmon

        """

    @Test func everyBlockAndProperty() throws {
        let source =
            Self.entities + """
                rule "Attack on a watchlisted Haqqani figure"
                  id haqqani-attack
                  severity high
                  match @tag:haqqani-network NEAR/30 #attack
                  unless "training exercise" OR title:"obituary"
                  unless drill
                  feeds tag:afpak, dawn
                  notify log, ops
                  notify-each

                rule "Defaults"
                  match kabul
                """
        let ruleSet = try RuleSet.from(source, knownSinks: ["ops"])
        #expect(ruleSet.entities.map(\.id) == ["khalil-haqqani", "iskp", "kabul"])
        #expect(ruleSet.entities[0].kind == .person)
        #expect(ruleSet.entities[0].aliases.count == 3)
        #expect(ruleSet.entities[0].tags == ["haqqani-network", "taliban-leadership"])
        #expect(ruleSet.entities[2].kind == .place)
        #expect(
            ruleSet.lists == [
                ListSummary(
                    id: "attack", terms: ["\"suicide bomb*\"", "\"bombing\"", "blast", "\"kill*\""])
            ])
        #expect(Set(ruleSet.spellings(of: "rahmon")).isSuperset(of: ["rahman", "rehman"]))
        let rule = ruleSet.rules[0]
        #expect(rule.id == "haqqani-attack")
        #expect(rule.title == "Attack on a watchlisted Haqqani figure")
        #expect(rule.severity == .high)
        #expect(rule.match == "@tag:haqqani-network NEAR/30 #attack")
        #expect(rule.unless == ["\"training exercise\" OR title:\"obituary\"", "drill"])
        #expect(rule.feeds == ["tag:afpak", "dawn"])
        #expect(rule.notify == ["log", "ops"])
        #expect(rule.notifyEach)
        let defaults = ruleSet.rules[1]
        #expect(defaults.id == "defaults")
        #expect(defaults.severity == .medium)
        #expect(defaults.notify == ["log"])
        #expect(!defaults.notifyEach)
    }

    @Test func filesAreOneRuleSetInOrder() throws {
        let ruleSet = try RuleSet.compile(files: [
            (name: "a.rules", source: "entity \"Kabul\"\n"),
            (name: "b.rules", source: "rule \"In Kabul\"\n  match @kabul\n"),
        ])
        #expect(ruleSet.rules.map(\.id) == ["in-kabul"])
        #expect(ruleSet.fired("Blast in Kabul") == ["in-kabul"])
    }

    @Test func crlfLinesAndTabsAreAccepted() throws {
        let ruleSet = try RuleSet.from("rule \"X\"\r\n\tid x\r\n\tmatch blast\r\n")
        #expect(ruleSet.fired("a blast") == ["x"])
    }

    @Test func aMarkAfterAQuoteDoesNotHideIt() throws {
        // `"` and U+0E33 (a spacing mark) are one character to Swift.
        let ruleSet = try RuleSet.from(
            "entity \"\u{E33}กข\"\n  id thai\nrule \"T\"\n  match @thai OR \"\u{301}abc\"\n")
        #expect(ruleSet.entities.map(\.name) == ["\u{E33}กข"])
        #expect(ruleSet.fired("\u{E33}กข") == ["t"])
        #expect(ruleSet.fired("ABC") == ["t"])
    }

    /// (source, `line:column: ` and a piece of the message)
    static let problemCases: [(String, String, String)] = [
        ("rule \"R\"\n  match @nobody\n", "2:9", "unknown entity @nobody"),
        ("rule \"R\"\n  match #nothing\n", "2:9", "unknown list #nothing"),
        ("rule \"R\"\n  match @tag:ghosts\n", "2:9", "unknown tag @tag:ghosts"),
        ("rule \"R\"\n  match @kind:robot\n", "2:9", "unknown kind @kind:robot"),
        ("rule \"R\"\n  match kabul AND\n", "2:15", "AND needs a term on each side"),
        ("rule \"R\"\n  match OR kabul\n", "2:9", "OR needs a term on each side"),
        ("rule \"R\"\n  match kabul NEAR blast\n", "2:15", "NEAR/n"),
        ("rule \"R\"\n  match kabul NEAR/x blast\n", "2:15", "NEAR/n"),
        ("rule \"R\"\n  match (kabul OR blast\n", "2:9", "never closed"),
        ("rule \"R\"\n  match kabul)\n", "2:14", "no matching ("),
        ("rule \"R\"\n  match \"kabul\n", "2:9", "no closing quote"),
        ("rule \"R\"\n  match \"a\\nb\"\n", "2:11", "unknown escape"),
        ("rule \"R\"\n  match bo*\n", "2:11", "at least 3 letters"),
        ("rule \"R\"\n  match bo*mb\n", "2:11", "at least 3 letters"),
        ("rule \"R\"\n  match bomb*ing\n", "2:13", "may only end a word"),
        ("rule \"R\"\n  match *bomb\n", "2:9", "may only end a word"),
        ("rule \"R\"\n  match author:kabul\n", "2:9", "author: is not a field"),
        ("rule \"R\"\n  match title:\n", "2:9", "title: must be followed"),
        ("rule \"R\"\n  match kabul NEAR/5 NOT blast\n", "2:15", "NEAR needs text on both sides"),
        ("rule \"R\"\n  match kabul, blast\n", "2:14", "a comma has no meaning"),
        ("rule \"R\"\n  match \"—\"\n", "2:9", "no letters or digits"),
        ("rule \"R\"\n  match\n", "2:8", "the query is empty"),
        ("rule \"R\"\n  severity urgent\n  match x\n", "2:12", "unknown severity urgent"),
        ("rule \"R\"\n  severity hihg\n  match x\n", "2:12", "did you mean high?"),
        ("rule \"R\"\n  colour red\n  match x\n", "2:3", "unknown property colour"),
        ("rule \"R\"\n  id x\n", "1:1", "has no match line"),
        ("rule \"R\"\n  match x\n  match y\n", "3:3", "match is given twice"),
        ("rule \"R\"\n  id Bad_Id\n  match x\n", "2:6", "not a valid id"),
        ("rule \"R\"\n  match x\n  notify ops\n", "3:10", "unknown sink ops"),
        ("rule \"R\"\n  match x\n  notify-each now\n", "3:15", "takes no value"),
        ("rule \"R\"\n  match x\n  feeds tag:\n", "3:9", "not a feed tag"),
        ("rule R\n  match x\n", "1:6", "in double quotes"),
        (
            "rule \"A\"\n  id same\n  match x\nrule \"B\"\n  id same\n  match y\n", "5:6",
            "duplicate rule id same"
        ),
        ("entity \"Kabul\"\nentity \"Kabul\"\n", "2:8", "duplicate entity id kabul"),
        ("list a\n  x\nlist a\n  y\n", "3:6", "duplicate list id a"),
        ("entity \"Kabul\"\n  kind city\n", "2:8", "unknown kind city"),
        ("entity \"Kabul\"\n  alias\n", "2:8", "alias needs at least one name"),
        ("entity \"Kabul\"\n  alias \"a\" \"b\"\n", "2:13", "put a comma between"),
        ("entity \"Kabul\"\n  tag Afghan\n", "2:7", "not a valid tag"),
        ("entity \"Kabul\"\n  nickname \"k\"\n", "2:3", "unknown property nickname"),
        ("entity \"كابل\"\n", "1:8", "no usable id"),
        ("list\n", "1:5", "list needs a name"),
        ("list attack\n", "1:6", "has no terms"),
        ("equivalent rahman\n", "1:1", "two or more spellings"),
        ("equivalent \"Abd al\" abdal\n", "1:12", "not one word"),
        ("equivalent 穆塔基 穆塔奇\n", "1:16", "each character is a word"),
        ("entity \"K\"\n  alias \"Kab*\", \"Ka*\"\n", "2:20", "at least 3 letters"),
        ("  id orphan\n", "1:3", "belongs to no block"),
        ("rules \"R\"\n  match x\n", "1:1", "did you mean rule?"),
    ]

    @Test(arguments: problemCases)
    func problemIsReportedWithItsLocation(source: String, location: String, message: String) {
        do {
            _ = try RuleSet.from(source, knownSinks: [])
            Issue.record("no problem reported for \(source)")
        } catch {
            let found = error.problems.contains {
                "\($0.line):\($0.column)" == location && $0.message.contains(message)
            }
            #expect(found, "expected \(location) \(message), got \(error.description)")
            #expect(error.problems.allSatisfy { $0.file == "test.rules" })
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        let source = """
            rule "One"
              severity urgent
              match @nobody AND #nothing
            rule "Two"
              match "open
            entity "X"
              kind city
            """
        do {
            _ = try RuleSet.from(source)
            Issue.record("expected problems")
        } catch {
            let locations = error.problems.map { "\($0.line):\($0.column)" }
            #expect(locations == ["2:12", "3:9", "3:21", "5:9", "7:8"])
        }
    }

    @Test func referencesAndSinksAreCheckedInRulesWithBrokenQueries() {
        let source = "rule \"R\"\n  match @kabull NEAR #attack\n  notify ops\n"
        do {
            _ = try RuleSet.from(source, knownSinks: [])
            Issue.record("expected problems")
        } catch {
            #expect(
                error.problems.map { "\($0.line):\($0.column)" } == ["2:9", "2:17", "2:22", "3:10"])
            #expect(error.problems[0].message.contains("unknown entity @kabull"))
            #expect(error.problems[2].message.contains("unknown list #attack"))
        }
    }

    @Test func hostileInputIsRefusedNotCrashedOn() throws {
        let deep =
            String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)
        #expect(throws: RulesError.self) { try RuleSet.from("rule \"R\"\n  match \(deep)\n") }
        let nots = String(repeating: "NOT ", count: 10_000) + "x"
        #expect(throws: RulesError.self) { try RuleSet.from("rule \"R\"\n  match \(nots)\n") }
        // Many particles and spelled parts: the variants stay bounded.
        let name = Array(repeating: "Muhammad bin", count: 12).joined(separator: " ") + " Rahman"
        let ruleSet = try RuleSet.from("entity \"\(name)\"\n  id m\n")
        #expect((ruleSet.variants(ofEntity: "m")?.count ?? 0) <= AliasVariants.maximumVariants)
    }

    @Test func unknownSinksAreOnlyCheckedWhenSinksAreKnown() throws {
        let source = "rule \"R\"\n  match x\n  notify ops\n"
        #expect(throws: RulesError.self) { try RuleSet.from(source, knownSinks: ["other"]) }
        #expect(try RuleSet.from(source, knownSinks: ["ops"]).rules.count == 1)
        #expect(try RuleSet.from(source).rules.count == 1)
    }

    @Test func hashIsACommentExceptBeforeAListName() throws {
        let source = """
            list attack  # a comment after the list name
              blast   #comment without a space
            rule "R"     # comment
              match kabul NEAR/3 #attack # and a comment
            """
        let ruleSet = try RuleSet.from(source)
        #expect(ruleSet.lists[0].terms == ["blast"])
        #expect(ruleSet.rules[0].match == "kabul NEAR/3 #attack")
    }
}
