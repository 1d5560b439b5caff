/// The matcher's part of a `RulesImage`: its tables written as sections, and
/// read back with every index checked against the table it indexes, so that
/// the matching loops never read outside a table and always end.
extension Matcher.Builder {
    func write(into writer: inout RulesImageWriter) {
        writer.add(.tokenSlots, tokens.slots)
        writer.add(.tokenSymbols, tokens.symbols)
        writer.add(.tokenTags, bytes: tokens.tags)
        writer.add(.tokenArena, bytes: tokens.arena)
        writer.add(.prefixChildren, prefixes.children)
        writer.add(.prefixSymbols, prefixes.symbols)
        writer.add(.rootTransitions, automaton.rootTransitions)
        writer.add(.childStart, automaton.childStart)
        writer.add(.childSymbols, automaton.childSymbols)
        writer.add(.childStates, automaton.childStates)
        writer.add(.failure, automaton.failure)
        writer.add(.outputStart, automaton.outputStart)
        writer.add(.outputs, automaton.outputs)
        writer.add(.patternLengths, automaton.patternLengths)
        writer.add(.patternAtomStart, patternAtomStart)
        writer.add(.patternAtoms, patternAtoms)
    }
}

extension Matcher {
    /// The largest ring a valid image asks for: patterns are name variants and
    /// phrases, far shorter.
    static let maximumRingSize = 1 << 16

    /// The matcher of an image whose rule set has `atomCount` atoms and whose
    /// symbols are `0..<symbolCount`.
    init(reading image: RulesImageReader, symbolCount: Int, ringSize: Int, atomCount: Int)
        throws(RulesImageProblem)
    {
        guard symbolCount >= 1, symbolCount < Int(Int32.max) else {
            throw .badTable("\(symbolCount) symbols")
        }
        let symbols = Int32(0)..<Int32(symbolCount)
        tokens = try Self.tokenTable(image, symbols: symbols)
        prefixes = try Self.prefixTable(image, symbols: symbols)
        automaton = try Self.automaton(image, symbolCount: symbolCount)
        let patternCount = automaton.patternLengths.count
        guard ringSize >= 8, ringSize <= Self.maximumRingSize, ringSize & (ringSize - 1) == 0,
            automaton.patternLengths.all(in: 1..<Int32(ringSize + 1))
        else {
            throw .badTable("pattern lengths and ring size \(ringSize) disagree")
        }
        self.ringSize = ringSize
        patternAtomStart = try image.table(
            .patternAtomStart, of: Int32.self, count: patternCount + 1)
        patternAtoms = try image.table(.patternAtoms, of: Int32.self)
        guard patternAtomStart.isRunStarts(endingAt: patternAtoms.count),
            patternAtoms.all(in: 0..<Int32(clamping: atomCount))
        else {
            throw .badTable("the atoms of the patterns")
        }
    }

    private static func tokenTable(_ image: RulesImageReader, symbols: Range<Int32>)
        throws(RulesImageProblem) -> TokenTable
    {
        let tags = try image.table(.tokenTags, of: UInt8.self)
        let capacity = tags.count
        guard capacity >= 16, capacity & (capacity - 1) == 0 else {
            throw .badTable("token table of \(capacity) slots")
        }
        let slots = try image.table(.tokenSlots, of: UInt64.self, count: capacity * 2)
        let symbolTable = try image.table(.tokenSymbols, of: Int32.self, count: capacity)
        let arena = try image.table(.tokenArena, of: UInt8.self)
        var empty = 0
        for slot in 0..<capacity {
            guard tags[slot] != 0 else {
                empty += 1
                continue
            }
            let place = slots[slot * 2 + 1]
            let offset = Int(place & 0xffff_ffff)
            let length = Int(place >> 32)
            guard length > 0, offset + length <= arena.count, symbols.contains(symbolTable[slot]),
                symbolTable[slot] != TokenTable.unknown
            else {
                throw .badTable("token slot \(slot)")
            }
        }
        // A lookup stops at an empty slot: there must be one.
        guard empty > 0 else { throw .badTable("a token table without an empty slot") }
        return TokenTable(slots: slots, symbols: symbolTable, tags: tags, arena: arena)
    }

    private static func prefixTable(_ image: RulesImageReader, symbols: Range<Int32>)
        throws(RulesImageProblem) -> PrefixTable
    {
        let prefixSymbols = try image.table(.prefixSymbols, of: Int32.self)
        let children = try image.table(
            .prefixChildren, of: Int32.self, count: prefixSymbols.count * 256)
        guard prefixSymbols.count >= 1, prefixSymbols.all(in: symbols),
            children.all(in: 0..<Int32(clamping: prefixSymbols.count))
        else {
            throw .badTable("the wildcard prefixes")
        }
        return PrefixTable(children: children, symbols: prefixSymbols)
    }

    private static func automaton(_ image: RulesImageReader, symbolCount: Int)
        throws(RulesImageProblem) -> TokenAutomaton
    {
        let failure = try image.table(.failure, of: Int32.self)
        let stateCount = failure.count
        guard stateCount >= 1, stateCount < Int(Int32.max) else {
            throw .badTable("\(stateCount) automaton states")
        }
        let states = Int32(0)..<Int32(stateCount)
        // Breadth-first numbering: following failure links goes down to the root.
        guard failure[0] == 0 else { throw .badTable("the root's failure link") }
        for state in 1..<stateCount where failure[state] >= Int32(state) || failure[state] < 0 {
            throw .badTable("failure link of state \(state)")
        }
        let root = try image.table(.rootTransitions, of: Int32.self, count: symbolCount + 1)
        let childStart = try image.table(.childStart, of: Int32.self, count: stateCount + 1)
        let childSymbols = try image.table(.childSymbols, of: Int32.self)
        let childStates = try image.table(
            .childStates, of: Int32.self, count: childSymbols.count)
        let patternLengths = try image.table(.patternLengths, of: Int32.self)
        let outputStart = try image.table(.outputStart, of: Int32.self, count: stateCount + 1)
        let outputs = try image.table(.outputs, of: Int32.self)
        guard root.all(in: states), childStates.all(in: 1..<Int32(stateCount)),
            childSymbols.all(in: 0..<Int32(symbolCount)),
            childStart.isRunStarts(endingAt: childSymbols.count),
            outputStart.isRunStarts(endingAt: outputs.count),
            outputs.all(in: 0..<Int32(clamping: patternLengths.count))
        else {
            throw .badTable("the automaton's transitions or outputs")
        }
        return TokenAutomaton(
            rootTransitions: root, childStart: childStart, childSymbols: childSymbols,
            childStates: childStates, failure: failure, outputStart: outputStart,
            outputs: outputs, patternLengths: patternLengths)
    }
}
