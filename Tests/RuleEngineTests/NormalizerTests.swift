import Testing

@testable import RuleEngine

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("Khalil Haqqani", ["khalil", "haqqani"]),
        ("Ḥaqqānī", ["haqqani"]),
        ("KHALIL-UR-REHMAN", ["khalil", "ur", "rehman"]),
        ("I.S.K.P.", ["i", "s", "k", "p"]),
        ("al‑Qaeda’s “leader” — killed", ["al", "qaeda", "s", "leader", "killed"]),
        ("Straße", ["strasse"]),
        ("ﬁre Ａｂｃ", ["fire", "abc"]),
        ("Zürich,Genève;Kraków", ["zurich", "geneve", "krakow"]),
        ("كَابُل", ["كابل"]),
        ("e\u{301}te\u{301}", ["ete"]),
        ("soft\u{AD}hyphen", ["softhyphen"]),
        ("KSE-100 index", ["kse", "100", "index"]),
        ("", []),
        ("  ,;!  ", []),
        ("AT&T", ["at", "t"]),
        ("riskpool", ["riskpool"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(Normalizer.words(of: text) == expected)
    }

    @Test func rangesPointAtTheOriginalText() {
        let text = "Ḥaqqānī, Khalil-ur-Rehman"
        let utf8 = Array(text.utf8)
        let originals = Normalizer.tokens(of: text).map {
            String(decoding: utf8[$0.range], as: UTF8.self)
        }
        #expect(originals == ["Ḥaqqānī", "Khalil", "ur", "Rehman"])
    }

    @Test func mixedAsciiAndNonAsciiTokenIsOneToken() {
        let tokens = Normalizer.tokens(of: "the Ḥaqqānī network")
        #expect(tokens.map(\.text) == ["the", "haqqani", "network"])
        #expect(tokens[1].range == 4..<15)
    }

    @Test func slugsAndIds() {
        #expect(Identifiers.slug(of: "Khalil Haqqani") == "khalil-haqqani")
        #expect(Identifiers.slug(of: "Ḥaqqānī Network") == "haqqani-network")
        #expect(Identifiers.isValid("khalil-haqqani"))
        #expect(Identifiers.isValid("a_1"))
        #expect(!Identifiers.isValid("-x"))
        #expect(!Identifiers.isValid("Khalil"))
        #expect(!Identifiers.isValid(""))
    }
}
