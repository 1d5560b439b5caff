/// The symbols a rule set's matcher runs on, assigned once when the matcher is
/// built, in three phases: every token the rules mention gets a symbol
/// (spellings of one class share it, and the spellings of every class a
/// wildcard reaches are mentioned too), every wildcard prefix gets a
/// prefix-class symbol, and every wildcard learns which of those symbols it
/// stands for.
/// The atoms' token sequences then become patterns over the symbols.
struct MatcherSymbols {
    /// Every token the rules mention (every spelling of a class) and its symbol.
    private(set) var ofToken: [String: Int32] = [:]
    /// The prefix-class symbol of each wildcard prefix: "a token the rules do not
    /// mention whose longest wildcard prefix is this one".
    private(set) var ofPrefix: [String: Int32] = [:]
    /// What each wildcard prefix stands for: the known tokens and prefix classes it covers.
    private(set) var ofWildcard: [String: [Int32]] = [:]
    /// One past the last symbol assigned; 0 is `TokenTable.unknown`.
    private(set) var count: Int32 = 1

    /// A phrase of many wildcards could explode; its first forms suffice.
    static let maximumExpansions = 4096

    init(atoms: [MatcherAtom], spelling: SpellingClasses) {
        var (exactTokens, prefixes) = Self.terms(of: atoms)
        // A wildcard catches every spelling of a class one of whose spellings it
        // catches (`rahm*`: `rahman`, so `rehman`), whether or not the rules also
        // name the word: its spellings become tokens the wildcard covers.
        for prefix in prefixes { exactTokens.formUnion(spelling.spellings(startingWith: prefix)) }
        assignTokenSymbols(exactTokens.sorted(), spelling: spelling)
        let sortedPrefixes = prefixes.sorted()
        assignPrefixSymbols(sortedPrefixes)
        assignWildcardSymbols(sortedPrefixes)
    }

    /// The exact tokens and the wildcard prefixes the atoms use.
    private static func terms(of atoms: [MatcherAtom]) -> (
        exact: Set<String>, prefixes: Set<String>
    ) {
        var exactTokens: Set<String> = []
        var prefixes: Set<String> = []
        for atom in atoms {
            for sequence in atom.sequences {
                for element in sequence {
                    switch element {
                    case .exact(let token): exactTokens.insert(token)
                    case .prefix(let prefix): prefixes.insert(prefix)
                    }
                }
            }
        }
        return (exactTokens, prefixes)
    }

    /// Phase one: a symbol per token; every spelling of a class shares its class's symbol.
    private mutating func assignTokenSymbols(_ tokens: [String], spelling: SpellingClasses) {
        var classSymbols: [Int: Int32] = [:]
        for token in tokens where ofToken[token] == nil {
            let symbol: Int32
            var spellings = [token]
            if let classIndex = spelling.classOf(token) {
                if let existing = classSymbols[classIndex] {
                    symbol = existing
                } else {
                    symbol = takeSymbol()
                    classSymbols[classIndex] = symbol
                }
                spellings = spelling.spellings(of: token)
            } else {
                symbol = takeSymbol()
            }
            for spelled in spellings where ofToken[spelled] == nil {
                ofToken[spelled] = symbol
            }
        }
    }

    /// Phase two: a prefix-class symbol per wildcard prefix.
    private mutating func assignPrefixSymbols(_ prefixes: [String]) {
        for prefix in prefixes {
            ofPrefix[prefix] = takeSymbol()
        }
    }

    /// Phase three: the symbols each wildcard covers, known tokens found by
    /// binary search in the sorted vocabulary.
    private mutating func assignWildcardSymbols(_ prefixes: [String]) {
        let vocabulary = ofToken.map { (token: $0.key, symbol: $0.value) }.sorted {
            $0.token < $1.token
        }
        for prefix in prefixes {
            var symbols = Set<Int32>()
            var low = 0
            var high = vocabulary.count
            while low < high {
                let middle = (low + high) / 2
                if vocabulary[middle].token < prefix { low = middle + 1 } else { high = middle }
            }
            while low < vocabulary.count && vocabulary[low].token.hasPrefix(prefix) {
                symbols.insert(vocabulary[low].symbol)
                low += 1
            }
            for other in prefixes where other.hasPrefix(prefix) {
                if let symbol = ofPrefix[other] { symbols.insert(symbol) }
            }
            ofWildcard[prefix] = symbols.sorted()
        }
    }

    private mutating func takeSymbol() -> Int32 {
        defer { count += 1 }
        return count
    }

    /// The trie of the wildcard prefixes, for tokens the rules do not mention.
    func prefixTable() -> PrefixTableBuilder {
        var builder = PrefixTableBuilder()
        for (prefix, symbol) in ofPrefix.sorted(by: { $0.key < $1.key }) {
            builder.insert(prefix, symbol: symbol)
        }
        return builder
    }

    /// Each atom sequence expanded into concrete symbol sequences, distinct
    /// ones once: the automaton's patterns, and the atoms each stands for.
    func patterns(of atoms: [MatcherAtom]) -> (patterns: [[Int32]], atoms: [[Int32]]) {
        var patternIndex: [[Int32]: Int] = [:]
        var patterns: [[Int32]] = []
        var patternAtoms: [[Int32]] = []
        for (atomIndex, atom) in atoms.enumerated() {
            for sequence in atom.sequences {
                for pattern in expansions(of: sequence) where !pattern.isEmpty {
                    if let existing = patternIndex[pattern] {
                        if !patternAtoms[existing].contains(Int32(atomIndex)) {
                            patternAtoms[existing].append(Int32(atomIndex))
                        }
                    } else {
                        patternIndex[pattern] = patterns.count
                        patterns.append(pattern)
                        patternAtoms.append([Int32(atomIndex)])
                    }
                }
            }
        }
        return (patterns, patternAtoms)
    }

    /// The symbol sequences one token sequence stands for, a wildcard standing
    /// for each symbol it covers.
    private func expansions(of sequence: [TextPatternElement]) -> [[Int32]] {
        var expanded: [[Int32]] = [[]]
        for element in sequence {
            let choices: [Int32]
            switch element {
            case .exact(let token): choices = [ofToken[token] ?? TokenTable.unknown]
            case .prefix(let prefix): choices = ofWildcard[prefix] ?? []
            }
            expanded = expanded.flatMap { prefix in choices.map { prefix + [$0] } }
            if expanded.count > Self.maximumExpansions {
                expanded = Array(expanded.prefix(Self.maximumExpansions))
            }
        }
        return expanded
    }
}
