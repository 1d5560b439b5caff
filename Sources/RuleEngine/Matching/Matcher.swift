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
/// prefix-class symbols (`MatcherSymbols`), and an Aho-Corasick automaton runs
/// over the symbols.
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
        let symbols = MatcherSymbols(atoms: atoms, spelling: spelling)
        let (patterns, patternAtoms) = symbols.patterns(of: atoms)
        self.tokens = TokenTable(symbols.ofToken)
        self.prefixes = symbols.prefixTable()
        self.automaton = TokenAutomaton(patterns: patterns, symbolCount: Int(symbols.count))
        self.patternAtoms = patternAtoms
        self.ringSize = Self.ringSize(for: patterns)
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
