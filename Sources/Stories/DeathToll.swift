/// The number of dead a headline gives: "kills nine", "kills at least 17",
/// "death toll rises to 21", "six soldiers killed".
///
/// Tolls rise as an incident is counted, so a later report with a higher
/// toll, or none, can be the same incident; a later headline with less than
/// half the toll an earlier one gave tells another event (the same group's
/// next attack, a strike on the attackers a day later).
public enum DeathToll {
    /// The number nearest a word of death in `words` (three words before it
    /// or four after, eight after "toll"; on a tie the one after: "Abduct 43,
    /// Kill Three" is 3), unless it counts the attackers,
    /// the largest when the title gives several.
    public static func of(title words: [String]) -> Int? {
        var toll: Int?
        for (position, word) in words.enumerated() where deathWords.contains(word) {
            // "Death toll in Kunduz mosque explosion rises to 21": a toll's number comes late.
            let after = word == "toll" ? 8 : 4
            // "Four attackers killed" as a siege ends counts the attackers, not
            // the victims the earlier headlines counted.
            let candidates = (max(0, position - 3)...min(words.count - 1, position + after))
                .filter { index in
                    index + 1 >= words.count || !perpetratorWords.contains(words[index + 1])
                }
                // A wire's "UPDATE 1-" numbers its versions, not the dead.
                .filter { index in index == 0 || words[index - 1] != "update" }
                .compactMap { index in number(words[index]).map { (index, $0) } }
            // Nearest first; after before before at the same distance.
            let nearest = candidates.min { first, second in
                let (a, b) = (abs(first.0 - position), abs(second.0 - position))
                return a != b ? a < b : first.0 > second.0
            }
            if let nearest { toll = max(toll ?? 0, nearest.1) }
        }
        return toll
    }

    /// Whether a report with `later` toll, after one with `earlier`, cannot be
    /// the same incident: both given, and the later less than half the earlier.
    public static func conflicts(earlier: Int?, later: Int?) -> Bool {
        guard let earlier, let later else { return false }
        return later * 2 < earlier
    }

    static func number(_ word: String) -> Int? {
        if let value = Int(word), value > 0, value < 100_000 { return value }
        return numberWords[word]
    }

    static let deathWords: Set<String> = [
        "kill", "kills", "killed", "killing", "dead", "death", "deaths", "dies", "died", "slain",
        "toll",
    ]

    static let perpetratorWords: Set<String> = [
        "attacker", "attackers", "assailant", "assailants", "gunman", "gunmen", "militant",
        "militants", "insurgent", "insurgents", "jihadist", "jihadists", "terrorist", "terrorists",
        "bandit", "bandits", "bomber", "bombers", "kidnapper", "kidnappers",
    ]

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    ]
}
