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
final class Matcher: Sendable {
    private let tokens: TokenTable
    private let prefixes: PrefixTable
    private let automaton: TokenAutomaton
    /// The atoms each automaton pattern stands for.
    private let patternAtoms: [[Int32]]
    /// Token ranges are kept for the last `ringSize` tokens only: enough for the
    /// longest pattern, and no array grows with the text.
    private let ringSize: Int

    private static func ringSize(for patterns: [[Int32]]) -> Int {
        let longest = patterns.map(\.count).max() ?? 1
        var size = 8
        while size < longest { size <<= 1 }
        return size
    }

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
        var symbolOfToken: [String: Int32] = [:]
        var nextSymbol: Int32 = 1
        var classSymbols: [Int: Int32] = [:]
        for token in exactTokens.sorted() where symbolOfToken[token] == nil {
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
            for spelled in spellings where symbolOfToken[spelled] == nil {
                symbolOfToken[spelled] = symbol
            }
        }
        var vocabulary = symbolOfToken.map { (token: $0.key, symbol: $0.value) }
        // A prefix-class symbol stands for "a token the rules do not mention whose
        // longest wildcard prefix is this one".
        var prefixTable = PrefixTableBuilder()
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
                        choices = [symbolOfToken[token] ?? TokenTable.unknown]
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
        self.tokens = TokenTable(symbolOfToken)
        self.ringSize = Self.ringSize(for: patterns)
        self.prefixes = prefixTable.build()
        self.automaton = TokenAutomaton(patterns: patterns, symbolCount: Int(nextSymbol))
        self.patternAtoms = patternAtoms
    }

    var patternCount: Int { patternAtoms.count }
    var stateCount: Int { automaton.stateCount }

    /// Every atom occurrence in `text`, read as field `field`.
    func occurrences(in text: String, field: TextField, into result: inout [Occurrence]) {
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: ringSize)
        defer { starts.deallocate() }
        var sink = MatchingSink(
            tokens: tokens, prefixes: prefixes, automaton: automaton, starts: starts,
            ringMask: Int32(ringSize - 1), patternAtoms: patternAtoms, field: field)
        Normalizer.scan(text, into: &sink)
        result += sink.found
    }

    /// Runs the automaton as the normalizer hands over tokens.
    private struct MatchingSink: NormalizedTokenSink {
        let tokens: TokenTable
        let prefixes: PrefixTable
        let automaton: TokenAutomaton
        /// Where the last tokens start, by token index modulo the ring size.
        let starts: UnsafeMutablePointer<Int32>
        let ringMask: Int32
        let patternAtoms: [[Int32]]
        let field: TextField
        var state: Int32 = 0
        var tokenIndex: Int32 = 0
        var found: [Occurrence] = []

        init(
            tokens: TokenTable, prefixes: PrefixTable, automaton: TokenAutomaton,
            starts: UnsafeMutablePointer<Int32>, ringMask: Int32,
            patternAtoms: [[Int32]], field: TextField
        ) {
            self.tokens = tokens
            self.prefixes = prefixes
            self.automaton = automaton
            self.starts = starts
            self.ringMask = ringMask
            self.patternAtoms = patternAtoms
            self.field = field
        }

        @inline(__always)
        mutating func token(_ bytes: Span<UInt8>, hash: UInt64, start: Int, end: Int) {
            let index = tokenIndex
            tokenIndex &+= 1
            let symbol =
                tokens.symbol(of: bytes, hash: hash) ?? prefixes.longestPrefixSymbol(of: bytes)
                ?? TokenTable.unknown
            if symbol == TokenTable.unknown && state == 0 { return }
            starts[Int(index & ringMask)] = Int32(truncatingIfNeeded: start)
            state = automaton.next(state, symbol)
            if state == 0 { return }
            automaton.forEachOutput(state) { pattern in
                let first = index - automaton.patternLengths[Int(pattern)] + 1
                let range = Int(starts[Int(first & ringMask)])..<end
                for atom in patternAtoms[Int(pattern)] {
                    found.append(
                        Occurrence(
                            atom: atom, field: field, firstToken: first, lastToken: index,
                            byteRange: range))
                }
            }
        }
    }
}
