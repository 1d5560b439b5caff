/// A seeded watchlist of the shape a large desk keeps, as `.rules` text: people,
/// groups, places and organisations with transliterated names (particles,
/// titles, hyphens), one alias an entity on average, tags and kinds, and a few
/// rules that select entities by `@tag:` and `@kind:` near `#lists`. The same
/// seed gives the same bytes on every run, and a smaller watchlist is a prefix
/// of a larger one.
public struct GeneratedWatchlist: Sendable {
    /// How many entities.
    public let entities: Int
    /// How many names: every entity's name and aliases.
    public private(set) var names = 0
    /// The watchlist file (`watchlist.rules`).
    public private(set) var watchlistSource = ""
    /// The lists and rules file (`rules.rules`), which refers to the watchlist.
    public private(set) var rulesSource = ""

    static let tagCount = 200
    static let syllables = [
        "ka", "bul", "ha", "qa", "ni", "kha", "lil", "rah", "man", "sir", "aj", "din", "za", "bi",
        "hul", "lah", "mu", "ja", "hid", "dul", "gha", "ra", "shid", "fa", "ruq", "na", "ta", "riq",
        "mal", "ke", "ri", "mo", "med", "ak", "bar", "sa", "lim", "war", "dak", "zai", "gul", "ba",
        "dar", "yar", "kho", "st", "pa", "tan", "qu", "et", "to", "ran", "sul", "jan", "wa", "li",
        "vo", "len", "pet", "rov", "ko", "vich", "es", "ter", "mi", "lo", "dan", "sky", "ur", "os",
    ]
    static let particles = ["ur", "ud", "ul", "al", "bin", "abu", "abdul"]
    static let titles = ["Mullah", "Maulvi", "Commander", "Qari", "Haji", "Sheikh", "General"]
    static let groupWords = [
        "Front", "Movement", "Brigade", "Army", "Council", "Network", "Battalion", "Party",
    ]
    static let placeWords = ["District", "Province", "Valley", "Pass", "Camp", "Crossing"]
    static let organisationWords = ["Holdings", "Trading", "Foundation", "Logistics", "Group"]

    /// Generates `entities` entities and the rules over them.
    public init(entities: Int, seed: UInt64 = 12) {
        self.entities = entities
        var generator = SeededGenerator(state: seed)
        var used: Set<String> = []
        var lines: [String] = []
        lines.reserveCapacity(entities * 5)
        func word() -> String {
            let length = 2 + generator.below(2)
            let text = (0..<length).map { _ in Self.syllables[generator.below(Self.syllables.count)]
            }
            .joined()
            return text.prefix(1).uppercased() + text.dropFirst()
        }
        func pick(_ words: [String]) -> String { words[generator.below(words.count)] }
        var index = 0
        while index < entities {
            let first = word()
            let last = word()
            let kindDraw = generator.below(10)
            let kind: String
            let name: String
            var aliases: [String] = []
            switch kindDraw {
            case 0..<6:
                kind = "person"
                name = "\(first) \(last)"
                // One alias on average: a particle or a title, or a middle name, or none.
                switch generator.below(4) {
                case 0: aliases.append("\(first)-\(pick(Self.particles))-\(last)")
                case 1: aliases.append("\(pick(Self.titles)) \(first) \(last)")
                case 2:
                    aliases.append("\(first) \(word()) \(last)")
                    aliases.append("\(first.prefix(1)). \(last)")
                default: break
                }
            case 6..<8:
                kind = "group"
                name = "\(first) \(pick(Self.groupWords))"
                // Group acronyms: capitals, two to four letters.
                let acronym = String(
                    (first + last + word()).uppercased().filter(\.isLetter).prefix(
                        2 + generator.below(3)))
                aliases.append(acronym + "-" + String(last.prefix(1)).uppercased())
            case 8:
                kind = "place"
                name = "\(first)\(last.lowercased())"
                aliases.append("\(first) \(pick(Self.placeWords))")
            default:
                kind = "org"
                name = "\(first) \(last) \(pick(Self.organisationWords))"
            }
            guard used.insert(name.lowercased()).inserted else { continue }
            lines.append("entity \"\(name)\"")
            lines.append("  id e\(index)")
            lines.append("  kind \(kind)")
            if !aliases.isEmpty {
                lines.append("  alias " + aliases.map { "\"\($0)\"" }.joined(separator: ", "))
            }
            var tags = ["t\(index % Self.tagCount)"]
            if generator.below(3) == 0 { tags.append("region\(generator.below(12))") }
            lines.append("  tag " + tags.joined(separator: ", "))
            names += 1 + aliases.count
            index += 1
        }
        watchlistSource = lines.joined(separator: "\n") + "\n"
        rulesSource = Self.rules(entities: entities)
    }

    /// A few rules of each kind a desk writes, over the generated tags and kinds.
    private static func rules(entities: Int) -> String {
        var lines = [
            "list attack",
            "  \"suicide bomb*\", bombing, blast, explosion*, \"attack*\", \"kill*\", gunmen, ambush*",
            "list claim",
            "  \"claim*\", \"took responsibility\", \"said it\"",
            "list arrest",
            "  arrest*, detain*, \"taken into custody\"",
        ]
        let tagged = Swift.min(entities, tagCount)
        for number in 0..<20 {
            lines.append("rule \"Generated rule \(number)\"")
            lines.append("  id g\(number)")
            switch number % 5 {
            case 0: lines.append("  match @tag:t\(number % tagged) NEAR/10 #attack")
            case 1: lines.append("  match @tag:region\(number % 12) AND #arrest")
            case 2: lines.append("  match @kind:group NEAR/20 #claim")
            case 3:
                lines.append("  match title:@kind:person AND (#attack OR #arrest)")
                lines.append("  unless exercise")
            default: lines.append("  match @e\((number * 7_919) % Swift.max(entities, 1))")
            }
            lines.append("  severity \(["low", "medium", "high"][number % 3])")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
