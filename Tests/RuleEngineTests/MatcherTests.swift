import FeedModel
import Testing

@testable import RuleEngine

/// Matching: each variant kind, token boundaries, NEAR at the edge, fields, unless, feeds.
@Suite struct MatcherTests {
    static let watchlist = """
        entity "Khalil Haqqani"
          kind person
          alias "Khalil-ur-Rehman Haqqani"
          tag haqqani-network
        entity "Sirajuddin Haqqani"
          kind person
          tag haqqani-network
        entity "Islamic State Khorasan Province"
          id iskp
          kind group
          alias "ISK-P", "IS-K", "Islamic State Khorasan"
        entity "Osama bin Laden"
          kind person
        entity "Kabul"
          kind place
        list attack
          "suicide bomb*", blast, "attack*"
        equivalent kabul kaabul

        """

    static func ruleSet(_ rules: String) throws -> RuleSet {
        try RuleSet.from(watchlist + rules)
    }

    static let entityRules = """
        rule "Khalil"
          match @khalil-haqqani
        rule "ISKP"
          match @iskp
        rule "Osama"
          match @osama-bin-laden
        rule "Kabul"
          match @kabul
        """

    @Test(arguments: [
        // name particles: separate, attached before, after, both; attached split
        ("Khalil-ur-Rehman Haqqani", "khalil-haqqani"),
        ("Khalil ur Rehman Haqqani", "khalil-haqqani"),
        ("Khalilur Rehman Haqqani", "khalil-haqqani"),
        ("Khalil Urrehman Haqqani", "khalil-haqqani"),
        ("KHALILURREHMAN HAQQANI", "khalil-haqqani"),
        ("khalil-ur-rahman haqani", "khalil-haqqani"),
        ("Khaleelurrahman Haqqani", "khalil-haqqani"),
        ("Khalil Haqqani", "khalil-haqqani"),
        ("Ḥaqqānī, Khalīl", nil),
        ("Khalīl Ḥaqqānī", "khalil-haqqani"),
        ("Osama bin Laden", "osama-bin-laden"),
        ("Usama binLaden", "osama-bin-laden"),
        ("Osama Bin-Laden", "osama-bin-laden"),
        ("Osamabin Laden", "osama-bin-laden"),
        // acronyms
        ("ISKP", "iskp"),
        ("ISK-P", "iskp"),
        ("I.S.K.P.", "iskp"),
        ("I S K P", "iskp"),
        ("isk p", "iskp"),
        ("IS-K", "iskp"),
        ("IS K", "iskp"),
        ("Islamic State Khorasan Province", "iskp"),
        ("Islamic State Khurasan Province", "iskp"),
        // spelling classes: built-in and equivalent lines
        ("KAABUL", "kabul"),
        // token boundaries
        ("riskpool", nil),
        ("the riskpool fund", nil),
        ("ISKPs", nil),
        ("Kabuli pulao", nil),
        ("Khalil Haqqanis", nil),
        ("Khalil", nil),
        ("Haqqani", nil),
        ("Husain Haqqani", nil),
    ])
    func entityVariants(text: String, entity: String?) throws {
        let ruleSet = try Self.ruleSet(Self.entityRules)
        let hits = ruleSet.evaluate(FeedModelItems.titled(text), feed: FeedContext(name: "f"))
        #expect(hits.flatMap(\.entities) == (entity.map { [$0] } ?? []), "\(text)")
    }

    @Test func wildcardsAndPhrases() throws {
        let ruleSet = try Self.ruleSet("rule \"A\"\n  match #attack\n")
        for text in [
            "suicide bombing", "Suicide-bomber", "suicide bombs", "a blast", "attacked", "attack",
            "ATTACKS",
        ] {
            #expect(ruleSet.fired(text) == ["a"], "\(text)")
        }
        for text in ["suicide", "bombing", "blasts", "counterattack", "suicide bo", "blasted"] {
            #expect(ruleSet.fired(text).isEmpty, "\(text)")
        }
    }

    @Test func wildcardCoversKnownTokensToo() throws {
        // "bombing" is a token of another rule; "bomb*" must still match it.
        let ruleSet = try RuleSet.from(
            "rule \"A\"\n  match bomb*\nrule \"B\"\n  match bombing\nrule \"C\"\n  match \"car bomb*\"\n"
        )
        #expect(ruleSet.fired("bombing") == ["a", "b"])
        #expect(ruleSet.fired("bomb") == ["a"])
        #expect(ruleSet.fired("car bombing") == ["a", "b", "c"])
        #expect(ruleSet.fired("car bombers") == ["a", "c"])
        #expect(ruleSet.fired("car bom") == [])
    }

    @Test(arguments: [
        // NEAR/3: at most three tokens between
        ("Kabul blast", true),
        ("blast Kabul", true),
        ("Kabul one two three blast", true),
        ("Kabul one two three four blast", false),
        ("blast one two three Kabul", true),
        ("blast one two three four Kabul", false),
    ])
    func nearAtTheEdge(text: String, fires: Bool) throws {
        let ruleSet = try Self.ruleSet("rule \"N\"\n  match @kabul NEAR/3 #attack\n")
        #expect(ruleSet.fired(text) == (fires ? ["n"] : []), "\(text)")
    }

    @Test func nearCountsMultiTokenMatchesFromTheirEnds() throws {
        let ruleSet = try Self.ruleSet("rule \"N\"\n  match @khalil-haqqani NEAR/1 blast\n")
        #expect(ruleSet.fired("Khalil ur Rehman Haqqani in blast") == ["n"])
        #expect(ruleSet.fired("blast hits Khalil ur Rehman Haqqani") == ["n"])
        #expect(ruleSet.fired("Khalil ur Rehman Haqqani is in blast").isEmpty)
    }

    @Test func nearZeroMeansAdjacent() throws {
        let ruleSet = try Self.ruleSet("rule \"N\"\n  match kabul NEAR/0 blast\n")
        #expect(ruleSet.fired("Kabul blast") == ["n"])
        // The possessive belongs to its word: `Kabul's` is one word, `kabul`.
        #expect(ruleSet.fired("Kabul's blast") == ["n"])
        #expect(ruleSet.fired("Kabul, the blast").isEmpty)
    }

    @Test func nearStaysWithinOneField() throws {
        let ruleSet = try Self.ruleSet("rule \"N\"\n  match @kabul NEAR/30 #attack\n")
        #expect(ruleSet.fired("News from Kabul", summary: "A blast was heard").isEmpty)
        #expect(ruleSet.fired("News", summary: "Kabul: a blast was heard") == ["n"])
    }

    @Test func fieldScopes() throws {
        let ruleSet = try Self.ruleSet(
            """
            rule "T"
              match title:@kabul
            rule "S"
              match summary:(blast OR attack*)
            rule "C"
              match content:"suicide bombing"
            """)
        #expect(ruleSet.fired("Kabul") == ["t"])
        #expect(ruleSet.fired("x", summary: "Kabul", content: "Kabul").isEmpty)
        #expect(ruleSet.fired("blast", summary: "attacked") == ["s"])
        #expect(ruleSet.fired("blast", content: "blast").isEmpty)
        #expect(ruleSet.fired("x", content: "a suicide-bombing") == ["c"])
        #expect(ruleSet.fired("a suicide bombing").isEmpty)
    }

    @Test func booleanOperators() throws {
        let ruleSet = try Self.ruleSet(
            """
            rule "And"
              match kabul blast
            rule "Or"
              match kabul OR peshawar
            rule "Not"
              match NOT kabul
            rule "Lower"
              match kabul and blast
            """)
        #expect(ruleSet.fired("kabul blast") == ["and", "or"])
        #expect(ruleSet.fired("peshawar") == ["or", "not"])
        #expect(ruleSet.fired("nothing here") == ["not"])
        #expect(ruleSet.fired("kabul and blast") == ["and", "or", "lower"])
    }

    @Test func unlessVetoesTheRule() throws {
        let ruleSet = try Self.ruleSet(
            """
            rule "U"
              match @tag:haqqani-network NEAR/30 #attack
              unless "training exercise" OR title:obituary
              unless drill
            """)
        #expect(ruleSet.fired("Sirajuddin Haqqani survives attack") == ["u"])
        #expect(ruleSet.fired("Sirajuddin Haqqani attack was a training exercise").isEmpty)
        #expect(ruleSet.fired("Obituary", summary: "Sirajuddin Haqqani died in an attack").isEmpty)
        #expect(ruleSet.fired("x", summary: "Sirajuddin Haqqani attack obituary") == ["u"])
        #expect(ruleSet.fired("Sirajuddin Haqqani attack drill").isEmpty)
    }

    @Test func feedsFilter() throws {
        let ruleSet = try Self.ruleSet(
            """
            rule "Tagged"
              match kabul
              feeds tag:afpak
            rule "Named"
              match kabul
              feeds dawn, tag:pakistan
            """)
        #expect(ruleSet.fired("kabul", feed: FeedContext(name: "x", tags: ["afpak"])) == ["tagged"])
        #expect(ruleSet.fired("kabul", feed: FeedContext(name: "dawn")) == ["named"])
        #expect(
            ruleSet.fired("kabul", feed: FeedContext(name: "x", tags: ["pakistan", "afpak"])) == [
                "tagged", "named",
            ])
        #expect(ruleSet.fired("kabul", feed: FeedContext(name: "x", tags: ["world"])).isEmpty)
    }

    @Test func tagAndKindSelectEntities() throws {
        let ruleSet = try Self.ruleSet(
            """
            rule "Tag"
              match @tag:haqqani-network
            rule "Person"
              match @kind:person
            rule "Place"
              match @kind:place
            """)
        #expect(ruleSet.fired("Sirajuddin Haqqani") == ["tag", "person"])
        #expect(ruleSet.fired("Osama bin Laden") == ["person"])
        #expect(ruleSet.fired("Kabul") == ["place"])
    }

    @Test func evidenceNamesTermsFieldsAndTextAsWritten() throws {
        let ruleSet = try Self.ruleSet(
            "rule \"E\"\n  severity critical\n  match @tag:haqqani-network NEAR/5 #attack\n  notify log, ops\n  notify-each\n"
        )
        let item = FeedModelItems.titled(
            "Update", summary: "KHALIL-UR-RAHMAN Ḥaqqānī killed in suicide-bombing")
        let hits = ruleSet.evaluate(item, feed: FeedContext(name: "f"))
        #expect(
            hits == [
                RuleHit(
                    rule: "e", title: "E", severity: .critical,
                    matches: [
                        TermMatch(
                            term: "@khalil-haqqani", field: .summary,
                            text: "KHALIL-UR-RAHMAN Ḥaqqānī"),
                        TermMatch(term: "#attack", field: .summary, text: "suicide-bombing"),
                    ], entities: ["khalil-haqqani"], notify: ["log", "ops"], notifyEach: true)
            ])
    }

    @Test func itemsWithoutPlainTextFallBackToTheirFields() throws {
        let ruleSet = try Self.ruleSet("rule \"K\"\n  match summary:@kabul\n")
        let item = Item(id: "1", title: "x", summary: "News from Kabul")
        #expect(ruleSet.evaluate(item, feed: FeedContext(name: "f")).map(\.rule) == ["k"])
    }

    @Test func anEmptyRuleSetFiresNothing() {
        #expect(
            RuleSet().evaluate(FeedModelItems.titled("Kabul blast"), feed: FeedContext(name: "f"))
                .isEmpty)
    }

    @Test func aNameInsideALongerNameIsOneMatch() throws {
        let ruleSet = try Self.ruleSet("rule \"I\"\n  match @iskp\n")
        let hits = ruleSet.evaluate(
            FeedModelItems.titled("Islamic State Khorasan Province claims it"),
            feed: FeedContext(name: "f"))
        #expect(
            hits.first?.matches == [
                TermMatch(term: "@iskp", field: .title, text: "Islamic State Khorasan Province")
            ])
    }

    @Test func aHugeRepetitiveItemStaysCheap() throws {
        let ruleSet = try Self.ruleSet(
            "rule \"N\"\n  match @kabul NEAR/2 #attack\nrule \"A\"\n  match @kabul AND #attack\n")
        // 50,000 occurrences of one side and 100,000 of the other: NEAR keeps a
        // bounded number of spans, so this ends quickly; matcher-benchmark times it.
        let text = String(repeating: "Kabul blast attack ", count: 50_000)
        let hits = ruleSet.evaluate(
            FeedModelItems.titled("x", content: text), feed: FeedContext(name: "f"))
        #expect(hits.map(\.rule) == ["n", "a"])
    }

    @Test func namesInArabicScriptMatchWithOrWithoutDiacritics() throws {
        let ruleSet = try RuleSet.from(
            "entity \"خلیل حقانی\"\n  id khalil\n  alias \"Xalil Haqqani\"\nrule \"K\"\n  match @khalil\n"
        )
        #expect(ruleSet.fired("وزیر خَلیل حَقّانی کابل میں") == ["k"])
        #expect(ruleSet.fired("خلیل حقانی") == ["k"])
        #expect(ruleSet.fired("خلیل") == [])
        #expect(ruleSet.fired("ΧΑΛΙΛ xalil haqqani") == ["k"])
        let hits = ruleSet.evaluate(
            FeedModelItems.titled("وزیر خَلیل حَقّانی"), feed: FeedContext(name: "f"))
        #expect(hits.first?.matches.first?.text == "خَلیل حَقّانی")
    }
}
