/// The token sequences a name or alias matches, generated so that the analyst
/// lists a name once and catches the ways reporters write it.
///
/// - Name particles written as their own token also match attached to the token
///   before, the token after, or both (`Khalil-ur-Rehman` → `khalilur rehman`,
///   `khalil urrehman`, `khalilurrehman`); an attached particle is recognised and
///   split (`Khalilur` → `khalil ur`, `Sirajuddin` → `siraj ud din`).
/// - Acronyms (`ISK-P`, `I.S.K.P.`) match written joined, split at the hyphen,
///   or letter by letter.
/// - Spelling classes apply to every token; inside a joined token every
///   combination of spellings is generated (`khalilurrahman`, `khalilurrehman`).
/// - A name written with apostrophes also matches written without them
///   (`Ra's al-Ayn` → `ras al ayn` besides `ra al ayn`, `D'Souza` → `dsouza`
///   besides `d souza`).
/// - A word that ends in `*` (`Пригожин*`) is a prefix, as in rule terms: it
///   is joined to a particle before it (`ur rehm*` → `urrehm*`), never split.
///
/// Variants never drop tokens: a short form such as `Khalil Haqqani` is an
/// alias the analyst lists.
enum AliasVariants {
    /// Particles of Arabic, Persian and Pashto names as transliterated in English.
    static let particles: Set<String> = [
        "ur", "ul", "al", "el", "ud", "ad", "uz", "bin", "ibn", "bint", "abu", "abd", "abdul",
    ]

    /// The particles with their characters, in a fixed order.
    private static let particleCharacters: [(String, [Character])] = particles.sorted().map {
        ($0, Array($0))
    }

    /// A stem must keep this many letters when an attached particle is split off,
    /// so that short words are not taken apart.
    static let minimumStemLength = 4
    /// Beyond this a name with many particles would generate too many joins.
    static let maximumVariants = 256

    /// The variants of one name or alias, each a sequence of normalized tokens
    /// (or prefixes), first the plain one.
    static func variants(of alias: String, spelling: SpellingClasses) -> [[TextPatternElement]] {
        var variants = Variants()
        let withoutApostrophes = Apostrophes.removed(from: alias)
        let writtenForms = withoutApostrophes == alias ? [alias] : [alias, withoutApostrophes]
        for written in writtenForms {
            guard case .success(let elements) = TextPatternParser.elements(of: written) else {
                continue
            }
            addForms(of: elements, written: written, spelling: spelling, to: &variants)
        }
        return variants.results
    }

    /// Distinct variants in the order found, at most `maximumVariants`.
    private struct Variants {
        var results: [[TextPatternElement]] = []
        var seen: Set<[TextPatternElement]> = []
        var isFull: Bool { results.count >= maximumVariants }

        mutating func add(_ variant: [TextPatternElement]) {
            if !isFull, seen.insert(variant).inserted { results.append(variant) }
        }
    }

    /// The variants of one written form, the plain one first.
    private static func addForms(
        of elements: [TextPatternElement], written: String, spelling: SpellingClasses,
        to variants: inout Variants
    ) {
        variants.add(elements)
        let words = elements.map(\.token)
        if !elements.contains(where: \.isPrefix) && isAcronym(written, words: words) {
            variants.add([.exact(words.joined())])
            variants.add(words.joined().map { .exact(String($0)) })
            return
        }
        for split in splitAttachedParticles(elements) where !variants.isFull {
            for variant in joinParticles(split, spelling: spelling) { variants.add(variant) }
        }
    }

    /// An alias written in capitals (`ISKP`, `IS-K`, `TTP`), or letter by letter
    /// (`I.S.K.P.`). Scripts without case (Arabic, Han) have no acronyms.
    static func isAcronym(_ alias: String, words: [String]) -> Bool {
        let letters = alias.filter { $0.isLetter || $0.isNumber }
        if words.count >= 2 && words.allSatisfy({ $0.count == 1 && $0.first?.isCased == true }) {
            return true
        }
        return letters.count >= 2 && letters.count <= 8 && letters.contains(where: \.isUppercase)
            && !letters.contains(where: \.isLowercase)
    }

    /// Every way of reading particles attached inside the words, the words as
    /// written first. A prefix is never split: its end is not written.
    static func splitAttachedParticles(_ elements: [TextPatternElement]) -> [[TextPatternElement]] {
        var sequences: [[TextPatternElement]] = [[]]
        for element in elements {
            var options = [[element]]
            if case .exact(let word) = element {
                options += splits(of: word).map { $0.map(TextPatternElement.exact) }
            }
            sequences = sequences.flatMap { prefix in options.map { prefix + $0 } }
            // Every word must still be read; only the number of readings is bounded.
            if sequences.count > maximumVariants {
                sequences = Array(sequences.prefix(maximumVariants))
            }
        }
        return sequences
    }

    /// `khalilur` → `khalil ur`; `sirajuddin` → `siraj ud din`; `alqaeda` → `al qaeda`.
    private static func splits(of word: String) -> [[String]] {
        guard !particles.contains(word) else { return [] }
        let characters = Array(word)
        var options: [[String]] = []
        for (particle, particleCharacters) in particleCharacters {
            let length = particleCharacters.count
            guard characters.count >= length + minimumStemLength - 1 else { continue }
            if word.hasSuffix(particle), characters.count - length >= minimumStemLength {
                options.append([String(characters.dropLast(length)), particle])
            }
            if word.hasPrefix(particle), characters.count - length >= minimumStemLength {
                options.append([particle, String(characters.dropFirst(length))])
            }
            // An infix particle: a stem before it and at least three letters after.
            var start = minimumStemLength
            while start + length + 3 <= characters.count {
                if characters[start..<(start + length)].elementsEqual(particleCharacters) {
                    options.append([
                        String(characters[..<start]), particle,
                        String(characters[(start + length)...]),
                    ])
                }
                start += 1
            }
        }
        return options.sorted { $0.joined(separator: " ") < $1.joined(separator: " ") }
    }

    /// Every way of attaching each particle to its neighbours.
    private static func joinParticles(_ elements: [TextPatternElement], spelling: SpellingClasses)
        -> [[TextPatternElement]]
    {
        // The boundaries that may be joined: those next to a particle, and not
        // after a prefix (whose word goes on beyond what is written).
        let joinable = elements.indices.dropLast().filter {
            !elements[$0].isPrefix
                && (particles.contains(elements[$0].token)
                    || particles.contains(elements[$0 + 1].token))
        }
        guard !joinable.isEmpty else { return [elements] }
        let boundaries = Array(joinable.prefix(8))
        var results: [[TextPatternElement]] = []
        for mask in 0..<(1 << boundaries.count) {
            var groups: [[TextPatternElement]] = [[elements[0]]]
            for index in 1..<elements.count {
                if let bit = boundaries.firstIndex(of: index - 1), mask & (1 << bit) != 0 {
                    groups[groups.count - 1].append(elements[index])
                } else {
                    groups.append([elements[index]])
                }
            }
            var sequences: [[TextPatternElement]] = [[]]
            for group in groups {
                let forms = joinedForms(group, spelling: spelling)
                sequences = sequences.flatMap { prefix in forms.map { prefix + [$0] } }
                if sequences.count > maximumVariants {
                    sequences = Array(sequences.prefix(maximumVariants))
                }
            }
            results += sequences
            if results.count > maximumVariants { break }
        }
        return results
    }

    /// A group of parts written as one word, in every combination of spellings;
    /// a prefix ends the group, and the joined word is a prefix too.
    private static func joinedForms(_ parts: [TextPatternElement], spelling: SpellingClasses)
        -> [TextPatternElement]
    {
        guard parts.count > 1, let last = parts.last else { return parts }
        var forms = [""]
        for part in parts {
            let spellings = part.isPrefix ? [part.token] : spelling.spellings(of: part.token)
            forms = forms.flatMap { prefix in spellings.map { prefix + $0 } }
            // Many spelled parts in one word would multiply without end: keep the first.
            if forms.count > maximumVariants { forms = Array(forms.prefix(maximumVariants)) }
        }
        return forms.map { last.isPrefix ? .prefix($0) : .exact($0) }
    }
}
