/// Spellings that match one another: a built-in table of common transliteration
/// variants plus the folder's `equivalent` lines. Classes that share a spelling merge.
///
/// Matching maps every member of a class to one symbol, so a class costs nothing
/// at match time and applies to every term: entity names, list terms and words.
struct SpellingClasses: Sendable {
    /// Transliterations of names and words common on an Afghanistan/Pakistan desk.
    /// docs/rules.md lists this table; keep the two in step.
    static let builtIn: [[String]] = [
        ["rahman", "rehman", "rahmaan"],
        ["mohammad", "muhammad", "mohammed", "mohamed", "muhammed", "mohamad", "mohammod"],
        ["ahmad", "ahmed"],
        ["hussain", "husain", "hussein", "husein", "husayn"],
        ["hassan", "hasan"],
        ["osama", "usama"],
        ["qaeda", "qaida"],
        ["haqqani", "haqani"],
        ["taliban", "taleban"],
        ["daesh", "daish"],
        ["khorasan", "khurasan", "khorassan"],
        ["tehrik", "tehreek", "tahrik", "tahreek"],
        ["mullah", "mulla", "molla"],
        ["omar", "umar"],
        ["abdul", "abdel"],
        ["yusuf", "yousuf", "yousaf", "yousef", "youssef"],
        ["zabihullah", "zabiullah"],
        ["mujahid", "mojahid"],
        ["hekmatyar", "hikmatyar"],
        ["kandahar", "qandahar"],
        ["kunduz", "qunduz"],
        ["nangarhar", "ningarhar"],
        ["sheikh", "shaikh", "shaykh"],
        ["maulana", "mawlana", "molana"],
        ["maulvi", "mawlawi", "moulvi"],
        ["khalil", "khaleel"],
        ["siraj", "seraj"],
        ["amir", "emir"],
        ["haji", "hajji"],
        ["quran", "koran"],
        ["hafiz", "hafez"],
    ]

    private var classIndex: [String: Int] = [:]
    private(set) var classes: [[String]] = []
    /// Every spelling of every class, sorted, for `spellings(startingWith:)`.
    private var sortedSpellings: [String] = []

    /// The folder's `equivalent` lines, as given: the sources `rules variants` names.
    let equivalents: [[String]]

    /// Builds the classes from the built-in table and `extra` (from `equivalent` lines).
    init(extra: [[String]] = []) {
        equivalents = extra
        for group in Self.builtIn.map({ $0.flatMap(Normalizer.words(of:)) }) + extra {
            add(group)
        }
        sortedSpellings = classIndex.keys.sorted()
    }

    private mutating func add(_ group: [String]) {
        let existing = Set(group.compactMap { classIndex[$0] }).sorted()
        var members = group
        // Merge every class this group touches into the first of them.
        for index in existing {
            members += classes[index]
            classes[index] = []
        }
        var seen: Set<String> = []
        members = members.filter { seen.insert($0).inserted }
        let target = existing.first ?? classes.count
        if target == classes.count { classes.append([]) }
        classes[target] = members
        for member in members { classIndex[member] = target }
    }

    /// Every spelling of `word`'s class, or just `word`.
    func spellings(of word: String) -> [String] {
        guard let index = classIndex[word] else { return [word] }
        return classes[index]
    }

    /// Where `word`'s class comes from: `built-in`, and each `equivalent` line naming it.
    func sources(of word: String) -> [String] {
        var sources: [String] = []
        if Self.builtIn.contains(where: { $0.contains(word) }) { sources.append("built-in") }
        for line in equivalents where line.contains(word) {
            sources.append("equivalent \(line.joined(separator: " "))")
        }
        return sources
    }

    /// The class of `word`, when it has one.
    func classOf(_ word: String) -> Int? { classIndex[word] }

    /// An exact token as its class's first spelling (a prefix as it is): two
    /// variants that read alike this way match the same text.
    func firstSpelling(_ element: TextPatternElement) -> TextPatternElement {
        guard case .exact(let word) = element else { return element }
        return .exact(spellings(of: word)[0])
    }

    /// Every spelling, of every class, that starts with `prefix`: a wildcard
    /// catches the whole class of a word it catches (`rahm*` catches `rahman`,
    /// so also `rehman`).
    func spellings(startingWith prefix: String) -> [String] {
        var low = 0
        var high = sortedSpellings.count
        while low < high {
            let middle = (low + high) / 2
            if sortedSpellings[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        var found: [String] = []
        while low < sortedSpellings.count && sortedSpellings[low].hasPrefix(prefix) {
            found += spellings(of: sortedSpellings[low])
            low += 1
        }
        return found
    }

}
