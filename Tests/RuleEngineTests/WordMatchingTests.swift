import Testing

@testable import RuleEngine

/// Names matched in text as a reader sees it: invisible characters, apostrophes,
/// possessives and scripts written without spaces, for entities and terms alike.
@Suite struct WordMatchingTests {
    static let rules = """
        entity "Yevgeny Prigozhin"
          alias "Prigozhin"
        entity "Hay'at Tahrir al-Sham"
          id hts
          alias "HTS"
        entity "Ahmed al-Sharaa"
        entity "Conor O'Brien"
        entity "N'Djamena"
          id ndjamena
          kind place
        entity "Ra's al-Ayn"
          id ras-al-ayn
          kind place
        entity "Rapid Support Forces"
          id rsf
        entity "王毅"
          id wang-yi
          alias "Wang Yi"
        entity "ISKP"
        entity "ทักษิณ"
          id thaksin
        entity "プーチン"
          id putin-ja
        entity "Afghanistan"
          kind place
        rule "Prigozhin"
          match @yevgeny-prigozhin
        rule "HTS"
          match @hts
        rule "Sharaa"
          match @ahmed-al-sharaa
        rule "O'Brien"
          id obrien
          match @conor-obrien
        rule "N'Djamena"
          id ndjamena
          match @ndjamena
        rule "Ras al-Ayn"
          id ras-al-ayn
          match @ras-al-ayn
        rule "RSF"
          match @rsf
        rule "Wang Yi"
          match @wang-yi
        rule "ISKP"
          match @iskp
        rule "Thaksin"
          match @thaksin
        rule "Putin"
          id putin-ja
          match @putin-ja
        rule "Afghanistan"
          match @afghanistan
        rule "Mutiny"
          match @yevgeny-prigozhin NEAR/0 mutiny
        rule "Mutiny near"
          match @yevgeny-prigozhin NEAR/1 mutiny
        rule "Wang Yi and the Taliban"
          id wang-taliban
          match @wang-yi NEAR/2 塔利班
        rule "Muttaqi"
          match "穆塔基"
        """

    static let ruleSet = Result { try RuleSet.from(rules) }

    @Test(arguments: [
        // invisible characters inside a name, doubled, at its edges
        ("Prigo\u{AD}zhin", ["prigozhin"]),
        ("Prigo\u{AD}\u{AD}zhin", ["prigozhin"]),
        ("\u{FEFF}Prigozhin\u{2060}", ["prigozhin"]),
        ("Pri\u{200D}go\u{200C}zhin", ["prigozhin"]),
        ("\u{202B}Prigozhin\u{202C} said", ["prigozhin"]),
        ("Prigo\u{200B}zhin", []),
        ("Rapid\u{200B}Support\u{200B}Forces", ["rsf"]),
        // apostrophes of every kind between letters; none at all
        ("Hay'at Tahrir al-Sham", ["hts"]),
        ("Hay’at Tahrir al-Sham", ["hts"]),
        ("Hayʼat Tahrir al-Sham", ["hts"]),
        ("Hayʾat Tahrir al-Sham", ["hts"]),
        ("Hay`at Tahrir al-Sham", ["hts"]),
        ("Hayat Tahrir al-Sham", ["hts"]),
        ("Hay at Tahrir al-Sham", []),
        ("Ahmed al-Shara’a", ["sharaa"]),
        ("Ahmed al-Sharaʻa", ["sharaa"]),
        ("Ahmed al-Sharaa", ["sharaa"]),
        ("Ahmed al-Shara", []),
        // an alias with an apostrophe: with any apostrophe or none, not split
        ("Conor O’Brien", ["obrien"]),
        ("Conor OBrien", ["obrien"]),
        ("Conor O'Brien", ["obrien"]),
        ("Conor O Brien", []),
        ("N’Djamena", ["ndjamena"]),
        ("Ndjamena", ["ndjamena"]),
        ("Ra’s al-Ayn", ["ras-al-ayn"]),
        ("Ras al-Ayn", ["ras-al-ayn"]),
        // possessives, and quotation marks at word edges
        ("Prigozhin’s men", ["prigozhin"]),
        ("PRIGOZHIN'S MEN", ["prigozhin"]),
        ("Prigozhins", []),
        ("'Prigozhin' said", ["prigozhin"]),
        ("ISKP’s claim", ["iskp"]),
        ("HTS' leader", ["hts"]),
        // an elided article
        ("la paix en Afghanistan et l’Afghanistan", ["afghanistan"]),
        ("d'Afghanistan", ["afghanistan"]),
        // scripts written without spaces: inside a run, next to other scripts
        ("王毅会见阿富汗代理外长穆塔基", ["wang-yi", "muttaqi"]),
        ("外长王毅说", ["wang-yi"]),
        ("王毅说ISKP", ["wang-yi", "iskp"]),
        ("ISKP王毅", ["wang-yi", "iskp"]),
        ("王 毅", ["wang-yi"]),
        ("王小毅", []),
        ("毅王", []),
        ("นายทักษิณชินวัตรกล่าว", ["thaksin"]),
        ("ทักษิ", []),
        ("プーチン大統領は", ["putin-ja"]),
        ("ﾌﾟｰﾁﾝ大統領", ["putin-ja"]),
        ("プーチソ", []),
    ])
    func namesAsAReaderSeesThem(text: String, fired: [String]) throws {
        #expect(try Self.ruleSet.get().fired(text) == fired, "\(text)")
    }

    @Test func aPossessiveIsOneWordForNear() throws {
        let ruleSet = try Self.ruleSet.get()
        #expect(ruleSet.fired("Prigozhin’s mutiny") == ["prigozhin", "mutiny", "mutiny-near"])
        #expect(ruleSet.fired("Prigozhin's failed mutiny") == ["prigozhin", "mutiny-near"])
        #expect(ruleSet.fired("Prigozhin, whose failed mutiny") == ["prigozhin"])
    }

    @Test func nearCountsCharactersInScriptsWithoutSpaces() throws {
        let ruleSet = try Self.ruleSet.get()
        #expect(ruleSet.fired("王毅会见塔利班") == ["wang-yi", "wang-taliban"])
        #expect(ruleSet.fired("塔利班与王毅") == ["wang-yi", "wang-taliban"])
        #expect(ruleSet.fired("王毅今天会见塔利班") == ["wang-yi"])
    }

    @Test func evidenceShowsTheTextAsWritten() throws {
        let ruleSet = try Self.ruleSet.get()
        let hits = ruleSet.evaluate(
            FeedModelItems.titled("外长王毅说", summary: "Hay’at Tahrir al-Sham’s leader"),
            feed: FeedContext(name: "test"))
        #expect(hits.flatMap(\.matches).map(\.text) == ["Hay’at Tahrir al-Sham", "王毅"])
    }

    @Test func termsAreNormalizedAsTextIs() throws {
        let ruleSet = try RuleSet.from(
            """
            list quoted
              "Kabul’s", "dell'Isis", "王毅*"
            rule "Quoted"
              match #quoted
            rule "Hyphen"
              match "Kab\u{AD}ul blast"
            """)
        #expect(ruleSet.fired("Kabul airport") == ["quoted"])
        #expect(ruleSet.fired("dell’ISIS") == ["quoted"])
        // The elided article is a word of the term: `dell'Isis` is the phrase `dell isis`.
        #expect(ruleSet.fired("Isis").isEmpty)
        #expect(ruleSet.fired("王毅会见") == ["quoted"])
        #expect(ruleSet.fired("KABUL’S BLAST") == ["quoted", "hyphen"])
    }
}
