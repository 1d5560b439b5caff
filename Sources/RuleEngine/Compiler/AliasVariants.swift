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

    /// The variants of one name or alias, each a sequence of normalized tokens, first the plain one.
    static func variants(of alias: String, spelling: SpellingClasses) -> [[String]] {
        let words = Normalizer.words(of: alias)
        guard !words.isEmpty else { return [] }
        var results: [[String]] = [words]
        var seen: Set<[String]> = [words]
        func add(_ variant: [String]) {
            if results.count < maximumVariants, seen.insert(variant).inserted {
                results.append(variant)
            }
        }
        if isAcronym(alias, words: words) {
            add([words.joined()])
            add(words.joined().map { String($0) })
            return results
        }
        for split in splitAttachedParticles(words) where results.count < maximumVariants {
            for variant in joinParticles(split, spelling: spelling) { add(variant) }
        }
        return results
    }

    /// An alias written in capitals (`ISKP`, `IS-K`, `TTP`), or letter by letter (`I.S.K.P.`).
    static func isAcronym(_ alias: String, words: [String]) -> Bool {
        let letters = alias.filter { $0.isLetter || $0.isNumber }
        if words.count >= 2 && words.allSatisfy({ $0.count == 1 }) { return true }
        return letters.count >= 2 && letters.count <= 8 && letters.contains(where: \.isLetter)
            && !letters.contains(where: \.isLowercase)
    }

    /// Every way of reading particles attached inside the words, the words as written first.
    static func splitAttachedParticles(_ words: [String]) -> [[String]] {
        var sequences: [[String]] = [[]]
        for word in words {
            let options = [[word]] + splits(of: word)
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
    private static func joinParticles(_ words: [String], spelling: SpellingClasses) -> [[String]] {
        // The boundaries that may be joined: those next to a particle.
        let joinable = words.indices.dropLast().filter {
            particles.contains(words[$0]) || particles.contains(words[$0 + 1])
        }
        guard !joinable.isEmpty else { return [words] }
        let boundaries = Array(joinable.prefix(8))
        var results: [[String]] = []
        for mask in 0..<(1 << boundaries.count) {
            var groups: [[String]] = [[words[0]]]
            for index in 1..<words.count {
                if let bit = boundaries.firstIndex(of: index - 1), mask & (1 << bit) != 0 {
                    groups[groups.count - 1].append(words[index])
                } else {
                    groups.append([words[index]])
                }
            }
            var sequences: [[String]] = [[]]
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

    /// A group of parts written as one word, in every combination of spellings.
    private static func joinedForms(_ parts: [String], spelling: SpellingClasses) -> [String] {
        guard parts.count > 1 else { return parts }
        var forms = [""]
        for part in parts {
            forms = forms.flatMap { prefix in spelling.spellings(of: part).map { prefix + $0 } }
            // Many spelled parts in one word would multiply without end: keep the first.
            if forms.count > maximumVariants { forms = Array(forms.prefix(maximumVariants)) }
        }
        return forms
    }
}
