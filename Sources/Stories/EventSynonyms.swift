/// Words outlets use for one thing in an incident report, reduced to one
/// term: a wire's "blast", a paper's "explosion" and an agency's "bombing"
/// tell the same bomb; "gunmen", "attackers" and "assailants" the same
/// people; "abducted" and "kidnapped" the same act.
///
/// Keys and values are stems (`ReportTerms.stem`), so that every inflection
/// of a word meets its synonyms.
enum EventSynonyms {
    /// The term a stemmed word stands for: its group's first word, or itself.
    static func term(for stem: String) -> String {
        canonical[stem] ?? stem
    }

    static let groups: [[String]] = [
        ["blast", "explosion", "explode", "bomb", "bombing", "bomber", "ied"],
        ["attacker", "gunmen", "gunman", "assailant"],
        ["abduct", "abduction", "kidnap", "kidnapping", "kidnapper", "abductor"],
        ["kill", "dead", "death", "die", "dies", "died", "slain", "martyr"],
        ["wound", "injur", "injury", "hurt"],
        ["behead", "decapitat", "decapitate"],
        ["capsize", "capsiz", "sank", "sink", "sunk", "shipwreck"],
        ["shell", "shelling", "mortar", "artillery", "bombardment"],
        ["police", "policemen", "policeman", "cop", "constable"],
        ["soldier", "troop", "servicemen", "serviceman"],
        ["flood", "flooding", "floodwater", "deluge"],
        ["jailbreak", "breakout"],
        ["storm", "overran", "overrun", "overrunn"],
    ]

    static let canonical: [String: String] = {
        var table: [String: String] = [:]
        for group in groups {
            guard let first = group.first else { continue }
            for word in group { table[ReportTerms.stem(word)] = ReportTerms.stem(first) }
        }
        return table
    }()
}
