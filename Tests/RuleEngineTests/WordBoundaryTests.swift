import Testing

@testable import RuleEngine

/// Where the normalizer puts word boundaries: invisible characters, apostrophes,
/// and scripts written without spaces.
@Suite struct WordBoundaryTests {
    /// Characters removed without a break: soft hyphen, ZWNJ, ZWJ, word joiner,
    /// BOM, Mongolian vowel separator, invisible operators, variation
    /// selectors, bidirectional marks, embeddings and isolates, the Arabic
    /// letter mark, the combining grapheme joiner, a Hangul filler, a tag, and
    /// other format characters.
    static let invisible: [Unicode.Scalar] = [
        "\u{AD}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{180E}", "\u{2061}",
        "\u{2062}", "\u{2063}", "\u{2064}", "\u{FE00}", "\u{FE0F}", "\u{200E}", "\u{200F}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
        "\u{2068}", "\u{2069}", "\u{61C}", "\u{34F}", "\u{3164}", "\u{E0041}",
        // Format characters that are not default-ignorable: the Arabic number
        // sign, an interlinear annotation anchor.
        "\u{600}", "\u{FFF9}",
    ]

    @Test(arguments: invisible)
    func invisibleCharactersAreRemovedWithoutABreak(character: Unicode.Scalar) {
        let c = String(character)
        #expect(Normalizer.words(of: "Prigo\(c)zhin") == ["prigozhin"])
        #expect(Normalizer.words(of: "Prigo\(c)\(c)zhin") == ["prigozhin"])
        #expect(Normalizer.words(of: "\(c)Prigozhin\(c) said") == ["prigozhin", "said"])
        #expect(Normalizer.words(of: "Пригож\(c)ин") == ["пригожин"])
        // Not in the ASCII path only: next to a letter with a diacritic too.
        #expect(Normalizer.words(of: "Ḥaq\(c)qānī") == ["haqqani"])
    }

    @Test func theZeroWidthSpaceIsABreak() {
        #expect(
            Normalizer.words(of: "Rapid\u{200B}Support Forces") == ["rapid", "support", "forces"])
        #expect(Normalizer.words(of: "Prigo\u{200B}\u{200B}zhin") == ["prigo", "zhin"])
        #expect(Normalizer.words(of: "\u{200B}Kabul\u{200B}") == ["kabul"])
    }

    @Test func theTatweelIsRemoved() {
        #expect(Normalizer.words(of: "خـلـيـل") == Normalizer.words(of: "خليل"))
        #expect(Normalizer.words(of: "خــــليل حقانی") == ["خليل", "حقانی"])
    }

    static let apostrophes: [Unicode.Scalar] = [
        "'", "`", "\u{B4}", "\u{2B9}", "\u{2BB}", "\u{2BC}", "\u{2BD}", "\u{2BE}", "\u{2BF}",
        "\u{55A}", "\u{5F3}", "\u{2018}", "\u{2019}", "\u{201B}", "\u{2032}", "\u{FF07}",
        "\u{FF40}",
    ]

    @Test(arguments: apostrophes)
    func anApostropheBetweenLettersJoinsThem(apostrophe: Unicode.Scalar) {
        let a = String(apostrophe)
        #expect(Normalizer.words(of: "Shara\(a)a") == ["sharaa"])
        #expect(Normalizer.words(of: "Hay\(a)at Tahrir") == ["hayat", "tahrir"])
        #expect(Normalizer.words(of: "O\(a)Brien") == ["obrien"])
        #expect(Normalizer.words(of: "Qur\(a)ān") == ["quran"])
        #expect(Normalizer.words(of: "F\(a)16") == ["f16"])
    }

    @Test(arguments: apostrophes)
    func anApostropheAtAWordEdgeIsABreak(apostrophe: Unicode.Scalar) {
        let a = String(apostrophe)
        #expect(Normalizer.words(of: "\(a)Kabul\(a) blast") == ["kabul", "blast"])
        #expect(Normalizer.words(of: "the rebels\(a) leader") == ["the", "rebels", "leader"])
        #expect(Normalizer.words(of: "\(a)\(a)Kabul\(a)\(a)") == ["kabul"])
        // Two apostrophes are a quotation mark, not one inside a word.
        #expect(Normalizer.words(of: "Shara\(a)\(a)a") == ["shara", "a"])
        #expect(Normalizer.words(of: "Kabul \(a) blast") == ["kabul", "blast"])
    }

    @Test(arguments: apostrophes)
    func aPossessiveBelongsToTheWordBeforeIt(apostrophe: Unicode.Scalar) {
        let a = String(apostrophe)
        #expect(Normalizer.words(of: "Prigozhin\(a)s men") == ["prigozhin", "men"])
        #expect(Normalizer.words(of: "PRIGOZHIN\(a)S") == ["prigozhin"])
        #expect(Normalizer.words(of: "Ḥaqqānī\(a)s network") == ["haqqani", "network"])
        #expect(Normalizer.words(of: "ISKP\(a)s claim.") == ["iskp", "claim"])
        // An s that goes on is a letter of the word: `Mus'ab`, `Sa'sa'`.
        #expect(Normalizer.words(of: "Abu Mus\(a)ab") == ["abu", "musab"])
        #expect(Normalizer.words(of: "Sa\(a)sa\(a)") == ["sasa"])
    }

    @Test func elidedArticlesAndPrepositionsAreSeparated() {
        #expect(Normalizer.words(of: "l’Afghanistan") == ["l", "afghanistan"])
        #expect(Normalizer.words(of: "L'État islamique") == ["l", "etat", "islamique"])
        #expect(Normalizer.words(of: "d’Al-Qaïda") == ["d", "al", "qaida"])
        #expect(Normalizer.words(of: "jusqu’à Kaboul") == ["jusqu", "a", "kaboul"])
        #expect(Normalizer.words(of: "dell'Isis") == ["dell", "isis"])
        // Only a whole elided word: `Sa'dah` and `Ma'loula` are one word each.
        #expect(Normalizer.words(of: "Sa'dah, Ma’loula") == ["sadah", "maloula"])
    }

    @Test func rangesOfJoinedAndPossessiveWords() {
        let text = "Hay’at said Prigozhin’s"
        let utf8 = Array(text.utf8)
        let originals = Normalizer.tokens(of: text).map {
            String(decoding: utf8[$0.range], as: UTF8.self)
        }
        #expect(originals == ["Hay’at", "said", "Prigozhin"])
    }

    @Test(arguments: [
        ("王毅会见阿富汗代理外长穆塔基", Array("王毅会见阿富汗代理外长穆塔基").map(String.init)),
        ("王毅说ISKP", ["王", "毅", "说", "iskp"]),
        ("ISKP王毅", ["iskp", "王", "毅"]),
        ("2024年王毅", ["2024", "年", "王", "毅"]),
        ("王毅，塔利班。", ["王", "毅", "塔", "利", "班"]),
        ("Путин会见", ["путин", "会", "见"]),
        ("プーチン大統領は", ["プ", "ー", "チ", "ン", "大", "統", "領", "は"]),
        ("ทักษิณ ชินวัตร", ["ท", "ก", "ษ", "ณ", "ช", "น", "ว", "ต", "ร"]),
        ("ນະຄອນຫຼວງ", ["ນ", "ະ", "ຄ", "ອ", "ນ", "ຫ", "ວ", "ງ"]),
        ("မြန်မာ", ["မြ", "န", "မာ"]),
        ("⼈", ["人"]),
        ("㍻", ["平", "成"]),
    ])
    func scriptsWithoutSpacesHaveATokenPerCharacter(text: String, expected: [String]) {
        #expect(Normalizer.words(of: text) == expected)
    }

    @Test func voicedKanaReadAlikeHoweverWritten() {
        let composed = Normalizer.words(of: "ガザ")
        #expect(composed.count == 2)
        #expect(Normalizer.words(of: "ｶﾞｻﾞ") == composed)
        #expect(Normalizer.words(of: "カ\u{3099}サ\u{3099}") == composed)
        #expect(Normalizer.words(of: "カザ") != composed)
    }

    @Test func charactersOfScriptsWithoutSpacesKeepTheirRanges() {
        let text = "外长王毅说"
        let utf8 = Array(text.utf8)
        let originals = Normalizer.tokens(of: text).map {
            String(decoding: utf8[$0.range], as: UTF8.self)
        }
        #expect(originals == ["外", "长", "王", "毅", "说"])
    }

    @Test func textWordsKeepARunOfSuchAScriptTogether() {
        #expect(TextWords.of("王毅会见 ISKP，塔利班") == ["王毅会见", "iskp", "塔利班"])
        #expect(TextWords.of("Prigozhin’s men") == ["prigozhin", "men"])
    }
}
