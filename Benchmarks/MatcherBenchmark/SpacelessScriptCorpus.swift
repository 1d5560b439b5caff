import BenchmarkSupport
import FeedModel

/// Text in scripts written without spaces (Chinese, Japanese, Thai), where every
/// character is a token: a watchlist of names in those scripts, rules over
/// them, and items that mention them, for the matcher's per-character path.
enum SpacelessScriptCorpus {
    /// Han ideographs, kana and Thai letters to draw from; the first of each
    /// pool are drawn most often, as in real text.
    static let han = (0x4E00..<0x4E00 + 3_000).compactMap { Unicode.Scalar($0).map(String.init) }
    static let kana = (0x30A1...0x30F3).compactMap { Unicode.Scalar($0).map(String.init) }
    static let thai =
        (0x0E01...0x0E2E).compactMap { Unicode.Scalar($0).map(String.init) }
        + ["\u{0E32}", "\u{0E33}", "\u{0E40}", "\u{0E41}", "\u{0E42}"]
    static let thaiConsonants = 0x0E2E - 0x0E01 + 1
    static let thaiMarks = ["\u{0E31}", "\u{0E34}", "\u{0E35}", "\u{0E48}", "\u{0E49}", ""]

    /// Names of the watchlist: two or three Han characters, or four to six Thai
    /// letters (with vowel and tone marks), or four to six katakana.
    static func names(_ count: Int) -> [String] {
        var generator = SeededGenerator(state: 23)
        return (0..<count).map { index in
            switch index % 3 {
            case 0:
                (0..<2 + generator.below(2)).map { _ in han[generator.skewed(han.count)] }.joined()
            case 1:
                // A consonant first, as Thai words begin.
                (0..<4 + generator.below(3)).map { position in
                    thai[generator.below(position == 0 ? thaiConsonants : thai.count)]
                        + thaiMarks[generator.below(thaiMarks.count)]
                }.joined()
            default:
                (0..<4 + generator.below(3)).map { _ in kana[generator.below(kana.count)] }.joined()
            }
        }
    }

    /// The rules folder text: an entity per name and a rule per entity, half of
    /// them with a NEAR over a keyword in Chinese.
    static func rulesSource(_ names: [String]) -> String {
        var lines: [String] = []
        for (index, name) in names.enumerated() {
            lines += ["entity \"\(name)\"", "  id s\(index)"]
        }
        lines += ["list attack-zh", "  \"袭击\", \"爆炸\", \"攻击\""]
        for index in names.indices {
            lines += ["rule \"S\(index)\"", "  id rs\(index)"]
            lines.append(
                index % 2 == 0 ? "  match @s\(index)" : "  match @s\(index) NEAR/20 #attack-zh")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Items of `megabytes` of text: Chinese sentences (mostly) and Thai ones,
    /// about one name in every 500 characters.
    static func items(megabytes: Int, names: [String]) -> [Item] {
        var generator = SeededGenerator(state: 29)
        var items: [Item] = []
        var total = 0
        func chinese() -> String {
            var text = ""
            for position in 0..<(20 + generator.below(40)) {
                if generator.below(500) == 0 {
                    text += names[generator.below(names.count)]
                } else {
                    text += han[generator.skewed(han.count)]
                }
                if position % 17 == 16 { text += "，" }
            }
            return text + "。"
        }
        func thaiPhrase() -> String {
            (0..<(8 + generator.below(12))).map { _ in
                generator.below(400) == 0
                    ? names[generator.below(names.count)]
                    : thai[generator.skewed(thai.count)]
                        + thaiMarks[generator.below(thaiMarks.count)]
            }.joined()
        }
        while total < megabytes * 1_000_000 {
            let title = chinese()
            let content =
                (0..<(6 + generator.below(10))).map { _ in chinese() }.joined()
                + (0..<(4 + generator.below(6))).map { _ in thaiPhrase() }.joined(separator: " ")
            items.append(
                Item(id: "spaceless-\(items.count)", text: ItemText(title: title, content: content))
            )
            total += title.utf8.count + content.utf8.count
        }
        return items
    }
}
