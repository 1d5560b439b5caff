import BenchmarkSupport
import FeedModel

/// A generated watchlist entity: its id, name, three aliases and a tag.
struct GeneratedEntity {
    var id: String
    var name: String
    var aliases: [String]
    var tag: String
}

/// Generates the watchlists, the rules and the news corpus of the benchmark.
enum Generator {
    static let syllables = [
        "ka", "bul", "ha", "qa", "ni", "kha", "lil", "rah", "man", "sir", "aj", "din", "za", "bi",
        "hul", "lah", "mu", "ja", "hid", "dul", "gha", "ra", "shid", "fa", "ruq", "na", "ta", "riq",
        "mal", "ke", "ri", "mo", "med", "ak", "bar", "sa", "lim", "war", "dak", "zai", "gul", "ba",
        "dar", "yar", "kho", "st", "pa", "tan", "qu", "et", "to", "ran", "sul", "jan", "wa", "li",
    ]
    static let fillerSyllables = [
        "lo", "ven", "tri", "mar", "sel", "po", "gra", "den", "ul", "fer", "cos", "bri", "na",
        "tel",
        "om", "res", "pla", "vi", "dro", "kem", "sta", "ri", "bon", "ex", "qua", "lin", "tor", "ma",
    ]
    static let titles = ["Mullah", "Maulvi", "Commander", "Qari", "Haji", "Sheikh", "General"]
    static let particles = ["ur", "ud", "ul", "al", "bin"]
    static let tagCount = 50

    /// The first `count` entities of one fixed sequence: a smaller watchlist is a
    /// prefix of a larger one, so the corpus mentions the same names in every run.
    static func entities(_ count: Int) -> [GeneratedEntity] {
        var generator = SeededGenerator(state: 42)
        var used: Set<String> = []
        var entities: [GeneratedEntity] = []
        func word() -> String {
            let length = Int.random(in: 2...3, using: &generator)
            let text = (0..<length).map { _ in syllables.randomElement(using: &generator) ?? "ka" }
                .joined()
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        while entities.count < count {
            let first = word()
            let last = word()
            let name = "\(first) \(last)"
            guard used.insert(name.lowercased()).inserted else { continue }
            let particle = particles.randomElement(using: &generator) ?? "ur"
            let middle = word()
            let aliases = [
                "\(first)-\(particle)-\(last)",
                "\(titles.randomElement(using: &generator) ?? "Mullah") \(first) \(last)",
                "\(first) \(middle) \(last)",
            ]
            entities.append(
                GeneratedEntity(
                    id: "e\(entities.count)", name: name, aliases: aliases,
                    tag: "tag\(entities.count % tagCount)"))
        }
        return entities
    }

    /// The rules folder text: the entities, two lists and 500 rules.
    static func rulesSource(_ entities: [GeneratedEntity], ruleCount: Int = 500) -> String {
        var lines: [String] = []
        for entity in entities {
            lines.append("entity \"\(entity.name)\"")
            lines.append("  id \(entity.id)")
            lines.append("  kind person")
            lines.append("  alias " + entity.aliases.map { "\"\($0)\"" }.joined(separator: ", "))
            lines.append("  tag \(entity.tag)")
        }
        lines.append("list attack")
        lines.append(
            "  \"suicide bomb*\", bombing, blast, explosion, \"attack*\", \"kill*\", gunmen, ambush"
        )
        lines.append("list claim")
        lines.append("  \"claim*\", \"took responsibility\", \"said it\"")
        let count = entities.count
        for index in 0..<ruleCount {
            lines.append("rule \"Rule \(index)\"")
            lines.append("  id r\(index)")
            switch index % 5 {
            case 0: lines.append("  match @tag:tag\(index % tagCount) NEAR/20 #attack")
            case 1: lines.append("  match @e\(index % count) OR @e\((index * 7919) % count)")
            case 2: lines.append("  match title:@e\((index * 31) % count) AND #claim")
            case 3:
                lines.append("  match \"security forces\" AND @tag:tag\((index * 3) % tagCount)")
            default:
                lines.append("  match @e\((index * 101) % count) NEAR/10 (#attack OR #claim)")
                lines.append("  unless exercise")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let commonWords = """
        the of and to in a is that for it as was with be by on not he this are or his from at which \
        but have an they you were her she there been one all we their has would when if so no will \
        more said about up out them some could what into than other time only new after also did \
        government officials police security forces city province district minister ministry people \
        report reports week year today market prices trade talks border meeting statement region \
        local national spokesman according sources killed attack bombing blast explosion wounded \
        election court judge school students hospital water power road bridge flood rain winter \
        cricket match team players crowd village elders council tribe convoy checkpoint highway
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Items of news-like text until `megabytes` of text; about one word in a
    /// thousand is a mention of one of the first hundred entities, in one of its written forms
    /// (an item of 350 words mentions one about every third item).
    /// A quarter of the words are drawn from 20,000 others (names and words not on
    /// any watchlist) by Zipf's law, so that the vocabulary of the text is as large
    /// and as skewed as real news's.
    static func corpus(megabytes: Int, mentions: [GeneratedEntity]) -> [ItemText] {
        var generator = SeededGenerator(state: 7)
        let fillerWords = (0..<20_000).map { _ in
            (0..<Int.random(in: 2...4, using: &generator)).map { _ in
                fillerSyllables.randomElement(using: &generator) ?? "lo"
            }.joined()
        }
        var cumulative: [Double] = []
        var sum = 0.0
        for rank in 1...fillerWords.count {
            sum += 1 / Double(rank)
            cumulative.append(sum)
        }
        var items: [ItemText] = []
        var total = 0
        func sentence(_ words: Int) -> String {
            var parts: [String] = []
            for _ in 0..<words {
                if Int.random(in: 0..<1000, using: &generator) == 0,
                    let entity = mentions.randomElement(using: &generator)
                {
                    let forms = [entity.name] + entity.aliases
                    parts.append(forms.randomElement(using: &generator) ?? entity.name)
                } else if Int.random(in: 0..<4, using: &generator) == 0 {
                    // Zipf's law, as in real text: the r-th word about 1/r as often as the first.
                    let draw = Double.random(in: 0..<(cumulative.last ?? 1), using: &generator)
                    var low = 0
                    var high = cumulative.count - 1
                    while low < high {
                        let middle = (low + high) / 2
                        if cumulative[middle] < draw { low = middle + 1 } else { high = middle }
                    }
                    parts.append(fillerWords[low])
                } else {
                    parts.append(commonWords.randomElement(using: &generator) ?? "the")
                }
            }
            let text = parts.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
        while total < megabytes * 1_000_000 {
            let title = String(sentence(Int.random(in: 6...12, using: &generator)).dropLast())
            let summary = (0..<2).map { _ in sentence(Int.random(in: 12...24, using: &generator)) }
                .joined(separator: " ")
            let content = (0..<Int.random(in: 8...20, using: &generator)).map { _ in
                sentence(Int.random(in: 10...30, using: &generator))
            }.joined(separator: " ")
            items.append(ItemText(title: title, summary: summary, content: content))
            total += title.utf8.count + summary.utf8.count + content.utf8.count
        }
        return items
    }

    /// Items of words in Arabic script (letters of the Urdu alphabet, some with
    /// diacritics), for the normalizer's non-ASCII path.
    static func arabicScriptCorpus(megabytes: Int) -> [Item] {
        var generator = SeededGenerator(state: 11)
        let letters = Array("ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھیے").map(String.init)
        let marks = ["\u{64E}", "\u{650}", "\u{64F}", ""]
        let words = (0..<5_000).map { _ in
            (0..<Int.random(in: 2...6, using: &generator)).map { _ in
                (letters.randomElement(using: &generator) ?? "ا")
                    + (marks.randomElement(using: &generator) ?? "")
            }.joined()
        }
        var items: [Item] = []
        var total = 0
        while total < megabytes * 1_000_000 {
            let text = (0..<300).map { _ in words.randomElement(using: &generator) ?? "" }
                .joined(separator: " ")
            let title = String(text.prefix(60))
            items.append(
                Item(id: "arabic-\(items.count)", text: ItemText(title: title, content: text)))
            total += text.utf8.count + title.utf8.count
        }
        return items
    }
}
