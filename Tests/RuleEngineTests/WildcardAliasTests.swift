import Testing

@testable import RuleEngine

/// A `*` in a name or alias works as in a rule term; a wildcard catches the
/// spelling class of every word it catches, whatever else the rules say.
@Suite struct WildcardAliasTests {
    static let rules = """
        entity "Yevgeny Prigozhin"
          alias "Пригожин*", "Евгени* Пригожин*", "Evgeny Prigozh*"
        entity "Khalil Haqqani"
          alias "Khalil-ur-Rehm* Haqqani"
        entity "王毅"
          id wang-yi
          alias "王毅*"
        rule "Prigozhin"
          match @yevgeny-prigozhin
        rule "Khalil"
          match @khalil-haqqani
        rule "Wang Yi"
          match @wang-yi
        """

    static let ruleSet = Result { try RuleSet.from(rules) }

    @Test(arguments: [
        ("Пригожин", true),
        ("Пригожина", true),
        ("Пригожиным", true),
        ("ПРИГОЖИНУ", true),
        ("Пригожев", false),
        ("Пригож", false),
        ("Евгения Пригожина", true),
        ("Evgeny Prigozhin’s men", true),
        ("Evgeny Prigozhina", true),
        ("Evgeny Prigo", false),
        ("Yevgeny Prigozhin", true),
        ("Prigozhin", false),
    ])
    func cyrillicAndLatinWildcardAliases(text: String, fires: Bool) throws {
        #expect(try Self.ruleSet.get().fired(text) == (fires ? ["prigozhin"] : []), "\(text)")
    }

    @Test(arguments: [
        ("Khalil-ur-Rehmani Haqqani", true),
        ("Khalilur Rehman Haqqani", true),
        ("Khalil urRehmanullah Haqqani", true),
        ("Khalilurrehman Haqqani", true),
        // The wildcard's spelling class: `rehm*` catches `rehman`, so `rahman`.
        ("Khalil ur Rahman Haqqani", true),
        ("Khalil ur Rahmani Haqqani", false),
        ("Khalil ur Haqqani", false),
    ])
    func wildcardAliasesWithParticles(text: String, fires: Bool) throws {
        #expect(try Self.ruleSet.get().fired(text) == (fires ? ["khalil"] : []), "\(text)")
    }

    @Test func aWildcardInAScriptWithoutSpacesAddsNothing() throws {
        let ruleSet = try Self.ruleSet.get()
        #expect(ruleSet.fired("王毅会见") == ["wang-yi"])
        #expect(ruleSet.variants(ofEntity: "wang-yi") == ["王 毅"])
    }

    @Test func variantsShowTheWildcards() throws {
        let ruleSet = try Self.ruleSet.get()
        let prigozhin = try #require(ruleSet.variants(ofEntity: "yevgeny-prigozhin"))
        #expect(prigozhin.contains("пригожин*"))
        #expect(prigozhin.contains("евгени* пригожин*"))
        #expect(prigozhin.contains("evgeny prigozh*"))
        let khalil = try #require(ruleSet.variants(ofEntity: "khalil-haqqani"))
        for expected in [
            "khalil ur rehm* haqqani", "khalilur rehm* haqqani", "khalil urrehm* haqqani",
            "khalilurrehm* haqqani", "khaleelurrehm* haqqani",
        ] {
            #expect(khalil.contains(expected), "\(expected)")
        }
    }

    @Test(arguments: [
        ("entity \"A\"\n  alias \"Пр*\"\n", "test.rules:2:12", "a * needs at least 3 letters"),
        ("entity \"A\"\n  alias \"*Prigozhin\"\n", "test.rules:2:10", "a * may only end a word"),
        ("entity \"A\"\n  alias Prig*zhin\n", "test.rules:2:13", "a * may only end a word"),
        ("entity \"Ab*\"\n", "test.rules:1:11", "a * needs at least 3 letters"),
    ])
    func misplacedWildcardsInNamesAreErrors(source: String, location: String, message: String) {
        do {
            _ = try RuleSet.from(source)
            Issue.record("expected an error for \(source)")
        } catch {
            #expect(error.description.contains("\(location): rules: \(message)"), "\(error)")
        }
    }

    /// The same wildcard catches the same words whatever else the rule set says.
    @Test(arguments: [
        ("Rahman", true), ("Rehman", true), ("Rahmaan", true), ("Rahmanullah", true),
        ("Rahmon", true), ("Rehmanullah", false), ("Rehmat", false),
    ])
    func aWildcardCatchesTheSpellingClassesOfItsWords(text: String, fires: Bool) throws {
        let alone = try RuleSet.from("rule \"R\"\n  match rahm*\n")
        let withTheWord = try RuleSet.from(
            "rule \"R\"\n  match rahm*\nrule \"Other\"\n  match rahman NEAR/0 kabul\n")
        #expect(alone.fired(text) == (fires ? ["r"] : []), "\(text)")
        #expect(withTheWord.fired(text) == (fires ? ["r"] : []), "\(text)")
    }

    @Test func aWildcardCatchesClassesFromEquivalentLines() throws {
        let ruleSet = try RuleSet.from(
            "equivalent akhundzada akhunzada\nrule \"A\"\n  match akhund*\n")
        #expect(ruleSet.fired("Akhunzada") == ["a"])
        #expect(ruleSet.fired("Akhundzadah") == ["a"])
        #expect(ruleSet.fired("Akhunzadah").isEmpty)
        // A class is whole words: `rehm*` catches `rahman`, not words that start with `rahm`.
        let rehm = try RuleSet.from("rule \"R\"\n  match rehm*\n")
        #expect(rehm.fired("Rahman") == ["r"])
        #expect(rehm.fired("Rahmani").isEmpty)
    }
}
