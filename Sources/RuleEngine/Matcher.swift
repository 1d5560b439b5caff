import FeedModel

/// Where an atom occurs in an item: field, token positions and UTF-8 range.
struct Occurrence: Sendable {
    var atom: Int32
    var field: TextField
    var firstToken: Int32
    var lastToken: Int32
    var byteRange: Range<Int>
}

/// The multi-pattern matcher of a rule set, built once: every token the rules
/// mention gets a symbol (spellings of one class share it), wildcard prefixes get
/// prefix-class symbols, and an Aho-Corasick automaton runs over the symbols.
///
/// A text token the rules never mention maps to the unknown symbol, which sends
/// the automaton back to its root; so the cost of matching an item is one hash
/// lookup per token, whatever the size of the watchlist.
struct Matcher: Sendable {
    private let tokens: TokenTable
    private let prefixes: PrefixTable
    private let automaton: TokenAutomaton
    /// The atoms each automaton pattern stands for.
    private let patternAtoms: [[Int32]]

    init(atoms: [MatcherAtom], spelling: SpellingClasses) {
        // Symbols for exact tokens; every spelling of a class shares its class's symbol.
        var exactTokens: Set<String> = []
        var prefixStrings: Set<String> = []
        for atom in atoms {
            for sequence in atom.sequences {
                for element in sequence {
                    switch element {
                    case .exact(let token): exactTokens.insert(token)
                    case .prefix(let prefix): prefixStrings.insert(prefix)
                    }
                }
            }
        }
        var table = TokenTable(expectedCount: exactTokens.count * 2)
        var nextSymbol: Int32 = 1
        var classSymbols: [Int: Int32] = [:]
        var vocabulary: [(token: String, symbol: Int32)] = []
        for token in exactTokens.sorted() where table.symbol(of: token) == nil {
            let symbol: Int32
            var spellings = [token]
            if let classIndex = spelling.classOf(token) {
                if let existing = classSymbols[classIndex] {
                    symbol = existing
                } else {
                    symbol = nextSymbol
                    nextSymbol += 1
                    classSymbols[classIndex] = symbol
                }
                spellings = spelling.spellings(of: token)
            } else {
                symbol = nextSymbol
                nextSymbol += 1
            }
            for spelled in spellings where table.symbol(of: spelled) == nil {
                table.insert(spelled, symbol: symbol)
                vocabulary.append((spelled, symbol))
            }
        }
        // A prefix-class symbol stands for "a token the rules do not mention whose
        // longest wildcard prefix is this one".
        var prefixTable = PrefixTable()
        var prefixSymbols: [String: Int32] = [:]
        for prefix in prefixStrings.sorted() {
            prefixSymbols[prefix] = nextSymbol
            prefixTable.insert(prefix, symbol: nextSymbol)
            nextSymbol += 1
        }
        // What each wildcard stands for: the known tokens and prefix classes it covers.
        vocabulary.sort { $0.token < $1.token }
        let sortedPrefixes = prefixStrings.sorted()
        var wildcardSymbols: [String: [Int32]] = [:]
        for prefix in sortedPrefixes {
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
            for other in sortedPrefixes where other.hasPrefix(prefix) {
                if let symbol = prefixSymbols[other] { symbols.insert(symbol) }
            }
            wildcardSymbols[prefix] = symbols.sorted()
        }
        // Patterns: each atom sequence expanded into concrete symbol sequences.
        var patternIndex: [[Int32]: Int] = [:]
        var patterns: [[Int32]] = []
        var patternAtoms: [[Int32]] = []
        for (atomIndex, atom) in atoms.enumerated() {
            for sequence in atom.sequences {
                var expanded: [[Int32]] = [[]]
                for element in sequence {
                    let choices: [Int32]
                    switch element {
                    case .exact(let token):
                        choices = [table.symbol(of: token) ?? TokenTable.unknown]
                    case .prefix(let prefix): choices = wildcardSymbols[prefix] ?? []
                    }
                    expanded = expanded.flatMap { prefix in choices.map { prefix + [$0] } }
                    // A phrase of many wildcards could explode; its first forms suffice.
                    if expanded.count > 4096 { expanded = Array(expanded.prefix(4096)) }
                }
                for pattern in expanded where !pattern.isEmpty {
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
        self.tokens = table
        self.prefixes = prefixTable
        self.automaton = TokenAutomaton(patterns: patterns, symbolCount: Int(nextSymbol))
        self.patternAtoms = patternAtoms
    }

    var patternCount: Int { patternAtoms.count }
    var stateCount: Int { automaton.stateCount }

    /// Every atom occurrence in `text`, read as field `field`.
    func occurrences(in text: String, field: TextField, into result: inout [Occurrence]) {
        var sink = MatchingSink(matcher: self)
        Normalizer.scan(text, into: &sink)
        for found in sink.found {
            let length = automaton.patternLengths[Int(found.pattern)]
            let first = found.lastToken - length + 1
            let range = sink.tokenStarts[Int(first)]..<sink.tokenEnds[Int(found.lastToken)]
            for atom in patternAtoms[Int(found.pattern)] {
                result.append(
                    Occurrence(
                        atom: atom, field: field, firstToken: first, lastToken: found.lastToken,
                        byteRange: Int(range.lowerBound)..<Int(range.upperBound)))
            }
        }
    }

    /// Runs the automaton as the normalizer hands over tokens.
    private struct MatchingSink: NormalizedTokenSink {
        let matcher: Matcher
        var state: Int32 = 0
        var tokenIndex: Int32 = 0
        var tokenStarts: [Int32] = []
        var tokenEnds: [Int32] = []
        var found: [(pattern: Int32, lastToken: Int32)] = []

        init(matcher: Matcher) { self.matcher = matcher }

        @inline(__always)
        mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
            let hash = TokenTable.hash(bytes)
            let symbol =
                matcher.tokens.symbol(of: bytes, hash: hash)
                ?? matcher.prefixes.longestPrefixSymbol(of: bytes) ?? TokenTable.unknown
            tokenStarts.append(Int32(truncatingIfNeeded: start))
            tokenEnds.append(Int32(truncatingIfNeeded: end))
            state = matcher.automaton.next(state, symbol)
            let index = tokenIndex
            matcher.automaton.forEachOutput(state) { found.append(($0, index)) }
            tokenIndex += 1
        }
    }
}
