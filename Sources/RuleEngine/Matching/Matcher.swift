import FeedModel

/// Where an atom occurs in an item: field, token positions and UTF-8 range.
struct Occurrence: Sendable {
    var atom: Int32
    var field: TextField
    var firstToken: Int32
    var lastToken: Int32
    var byteRange: Range<Int>
}

/// The multi-pattern matcher of a rule set: every token the rules mention gets a
/// symbol (spellings of one class share it), wildcard prefixes get prefix-class
/// symbols (`MatcherSymbols`), and an Aho-Corasick automaton runs over the
/// symbols. `Matcher.Builder` makes its tables when the rules are compiled;
/// the matcher reads them from the compiled rules image (`RulesImage`).
///
/// A text token the rules never mention maps to the unknown symbol, which sends
/// the automaton back to its root; so the cost of matching an item is one hash
/// lookup per token, whatever the size of the watchlist.
struct Matcher: Sendable {
    let tokens: TokenTable
    let prefixes: PrefixTable
    let automaton: TokenAutomaton
    /// The atoms pattern `p` stands for: `patternAtoms[patternAtomStart[p]..<patternAtomStart[p + 1]]`.
    let patternAtomStart: FrozenTable<Int32>
    let patternAtoms: FrozenTable<Int32>
    /// Token ranges are kept for the last `ringSize` tokens only: enough for the
    /// longest pattern, and no array grows with the text. A power of two.
    let ringSize: Int

    /// The matcher's tables, made from the atoms of a rule set.
    struct Builder {
        let symbolCount: Int
        let tokens: TokenTable.Builder
        let prefixes: PrefixTableBuilder
        let automaton: TokenAutomaton.Builder
        let patternAtomStart: [Int32]
        let patternAtoms: [Int32]
        let ringSize: Int

        init(atoms: [MatcherAtom], spelling: SpellingClasses) {
            let symbols = MatcherSymbols(atoms: atoms, spelling: spelling)
            let (patterns, atomsOfPattern) = symbols.patterns(of: atoms)
            symbolCount = Int(symbols.count)
            tokens = TokenTable.Builder(symbols.ofToken)
            prefixes = symbols.prefixTable()
            automaton = TokenAutomaton.Builder(patterns: patterns, symbolCount: symbolCount)
            var start: [Int32] = [0]
            var flat: [Int32] = []
            for list in atomsOfPattern {
                flat += list
                start.append(Int32(flat.count))
            }
            patternAtomStart = start
            patternAtoms = flat
            ringSize = Matcher.ringSize(forLongest: patterns.map(\.count).max() ?? 1)
        }
    }

    static func ringSize(forLongest longest: Int) -> Int {
        var size = 8
        while size < longest { size <<= 1 }
        return size
    }

    var patternCount: Int { automaton.patternLengths.count }
    var stateCount: Int { automaton.stateCount }

    /// Every atom occurrence in `text`, read as field `field`.
    func occurrences(in text: String, field: TextField, into result: inout [Occurrence]) {
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: ringSize)
        defer { starts.deallocate() }
        var sink = MatchingSink(
            tokens: tokens, prefixes: prefixes, automaton: automaton, starts: starts,
            ringMask: Int32(ringSize - 1), patternAtomStart: patternAtomStart,
            patternAtoms: patternAtoms, field: field)
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
        let patternAtomStart: FrozenTable<Int32>
        let patternAtoms: FrozenTable<Int32>
        let field: TextField
        var state: Int32 = 0
        var tokenIndex: Int32 = 0
        var found: [Occurrence] = []

        init(
            tokens: TokenTable, prefixes: PrefixTable, automaton: TokenAutomaton,
            starts: UnsafeMutablePointer<Int32>, ringMask: Int32,
            patternAtomStart: FrozenTable<Int32>, patternAtoms: FrozenTable<Int32>,
            field: TextField
        ) {
            self.tokens = tokens
            self.prefixes = prefixes
            self.automaton = automaton
            self.starts = starts
            self.ringMask = ringMask
            self.patternAtomStart = patternAtomStart
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
                let atoms =
                    Int(
                        patternAtomStart[Int(pattern)])..<Int(
                        patternAtomStart[Int(pattern) + 1])
                patternAtoms.forEach(in: atoms) { atom in
                    found.append(
                        Occurrence(
                            atom: atom, field: field, firstToken: first, lastToken: index,
                            byteRange: range))
                }
            }
        }
    }
}
