import Testing

@testable import RuleEngine

@Suite struct NormalizerTests {
    @Test(arguments: [
        ("Khalil Haqqani", ["khalil", "haqqani"]),
        ("Ḥaqqānī", ["haqqani"]),
        ("KHALIL-UR-REHMAN", ["khalil", "ur", "rehman"]),
        ("I.S.K.P.", ["i", "s", "k", "p"]),
        ("al‑Qaeda’s “leader” — killed", ["al", "qaeda", "leader", "killed"]),
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

/// The eight-bytes-at-a-time ASCII path against a plain reference, and the
/// scanner's token hashes against the hash the token table uses.
@Suite struct NormalizerFastPathTests {
    struct HashCheckingSink: NormalizedTokenSink {
        var mismatches = 0
        var tokens: [String] = []
        mutating func token(_ bytes: Span<UInt8>, hash: UInt64, start: Int, end: Int) {
            if TokenHash.hash(bytes) != hash { mismatches += 1 }
            tokens.append(String(decoding: bytes.indices.map { bytes[$0] }, as: UTF8.self))
        }
    }

    /// Words of ASCII letters and digits, lower-cased; an apostrophe (' or `)
    /// between two of them joins them, unless it is a possessive 's (dropped)
    /// or follows an elided word (`l'`, `qu'`).
    func reference(_ text: String) -> [String] {
        let characters = Array(text.lowercased())
        func isWordCharacter(_ index: Int) -> Bool {
            index < characters.count && characters[index].isASCII
                && (characters[index].isLetter || characters[index].isNumber)
        }
        var words: [String] = []
        var word = ""
        var index = 0
        while index < characters.count {
            if isWordCharacter(index) {
                word.append(characters[index])
            } else if "'`".contains(characters[index]) && !word.isEmpty
                && isWordCharacter(index + 1)
            {
                if characters[index + 1] == "s" && !isWordCharacter(index + 2) {
                    index += 1
                    words.append(word)
                    word = ""
                } else if Apostrophes.elisions.contains(Array(word.utf8)) {
                    words.append(word)
                    word = ""
                }
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
            index += 1
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    @Test func matchesTheReferenceOnEveryAsciiCharacter() {
        var generator = SeededGenerator(seed: 1)
        // Apostrophes and the letters of elided words and possessives more often than the rest.
        let alphabet =
            (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) } + ["\n", "\t"]
            + Array("''''``sssslldqu")
        for _ in 0..<500 {
            let length = Int(generator.next() % 60)
            let text = String(
                (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            var sink = HashCheckingSink()
            Normalizer.scan(text, into: &sink)
            #expect(sink.tokens == reference(text), "\(text)")
            #expect(sink.mismatches == 0)
        }
    }

    /// Text mixing scripts, apostrophes, invisible characters and marks: every
    /// token hashes as the token table does, its range lies in the text, after
    /// the one before or sharing a scalar with it, and a token of a script
    /// without spaces is one character.
    @Test func mixedTextKeepsHashesAndRangesConsistent() {
        var generator = SeededGenerator(seed: 2)
        let alphabet = Array(
            "ab sS'’ʼ`-.,Ḥā王毅会ガｶﾞ\u{3099}ทั่ภမြ\u{AD}\u{200B}\u{200D}\u{FEFF}ـкЖ1٣ß½㍻ﬁ\u{301}")
        for _ in 0..<500 {
            let length = Int(generator.next() % 40)
            let text = String(
                (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            var sink = HashCheckingSink()
            Normalizer.scan(text, into: &sink)
            #expect(sink.mismatches == 0, "\(text)")
            let tokens = Normalizer.tokens(of: text)
            var previous = 0..<0
            for token in tokens {
                // Pieces of one scalar (`㍻` is `平 成`, `½` is `1 2`) share it.
                #expect(
                    token.range.lowerBound >= previous.upperBound
                        || token.range.lowerBound >= previous.lowerBound
                            && token.range.overlaps(previous),
                    "\(text)")
                #expect(!token.range.isEmpty && token.range.upperBound <= text.utf8.count)
                previous = token.range
                if token.isSpaceless {
                    #expect(token.text.count == 1, "\(text): \(token.text)")
                }
            }
        }
    }

    @Test func longTokensAndTokensAtTheEnd() {
        let text = "Abcdefghijklmnopqrstuvwxyz0123456789 XY Z Ḥaqqānī-NETWORKSTRENGTH"
        var sink = HashCheckingSink()
        Normalizer.scan(text, into: &sink)
        #expect(
            sink.tokens == [
                "abcdefghijklmnopqrstuvwxyz0123456789", "xy", "z", "haqqani", "networkstrength",
            ])
        #expect(sink.mismatches == 0)
    }
}

/// SplitMix64, so the generated strings are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
