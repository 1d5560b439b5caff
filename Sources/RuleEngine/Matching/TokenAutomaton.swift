/// An Aho-Corasick automaton over token symbols: every pattern is a sequence of
/// symbols, and one pass over an item's symbols reports every pattern occurrence,
/// in time linear in the text whatever the number of patterns.
///
/// Its tables live in a compiled rules image (`RulesImage`), laid out by
/// `TokenAutomaton.Builder`: states are numbered breadth first, so that every
/// state's failure link points to a smaller number (the image's loader checks
/// it, and with it that following failure links always ends at the root), and
/// each state's children are a sorted run of (symbol, state) pairs.
struct TokenAutomaton: Sendable {
    /// The root's transitions, dense because the root has one per first token.
    let rootTransitions: FrozenTable<Int32>
    /// The children of state `s` are `childSymbols[childStart[s]..<childStart[s + 1]]`
    /// (sorted) with the states in `childStates` at the same places; the
    /// root's are in `rootTransitions` instead.
    let childStart: FrozenTable<Int32>
    let childSymbols: FrozenTable<Int32>
    let childStates: FrozenTable<Int32>
    let failure: FrozenTable<Int32>
    /// The patterns ending at a state, its own and those of its failure chain,
    /// flattened: state `s` owns `outputs[outputStart[s]..<outputStart[s + 1]]`.
    let outputStart: FrozenTable<Int32>
    let outputs: FrozenTable<Int32>
    /// The number of symbols of each pattern.
    let patternLengths: FrozenTable<Int32>

    var stateCount: Int { failure.count }

    /// The state after reading `symbol` in `state`.
    @inline(__always)
    func next(_ state: Int32, _ symbol: Int32) -> Int32 {
        if symbol == TokenTable.unknown { return 0 }
        var current = state
        while current != 0 {
            if let next = child(of: current, symbol) { return next }
            current = failure[Int(current)]
        }
        return rootTransitions[Int(symbol)]
    }

    /// The child of a state other than the root on `symbol`.
    @inline(__always)
    private func child(of state: Int32, _ symbol: Int32) -> Int32? {
        var low = Int(childStart[Int(state)])
        var high = Int(childStart[Int(state) + 1])
        // Most states have one child; a few (a name's first words) many.
        while low < high {
            let middle = (low + high) >> 1
            let found = childSymbols[middle]
            if found == symbol { return childStates[middle] }
            if found < symbol { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Calls `body` with every pattern ending in `state`.
    @inline(__always)
    func forEachOutput(_ state: Int32, _ body: (Int32) -> Void) {
        let start = Int(outputStart[Int(state)])
        let end = Int(outputStart[Int(state) + 1])
        if start == end { return }
        outputs.forEach(in: start..<end, body)
    }

    /// The automaton's tables for `patterns` over symbols `0..<symbolCount`.
    struct Builder {
        var rootTransitions: [Int32]
        var childStart: [Int32] = [0]
        var childSymbols: [Int32] = []
        var childStates: [Int32] = []
        var failure: [Int32]
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        var patternLengths: [Int32]

        init(patterns: [[Int32]], symbolCount: Int) {
            // The trie, states numbered as they are made.
            var edges: [UInt64: Int32] = [:]
            var children: [[(symbol: Int32, state: Int32)]] = [[]]
            var ownOutputs: [[Int32]] = [[]]
            var root = [Int32](repeating: 0, count: symbolCount + 1)
            for (patternIndex, pattern) in patterns.enumerated() {
                var state: Int32 = 0
                for symbol in pattern {
                    let existing =
                        state == 0 ? root[Int(symbol)] : (edges[Self.key(state, symbol)] ?? 0)
                    if existing != 0 {
                        state = existing
                        continue
                    }
                    let next = Int32(children.count)
                    children.append([])
                    ownOutputs.append([])
                    children[Int(state)].append((symbol, next))
                    if state == 0 {
                        root[Int(symbol)] = next
                    } else {
                        edges[Self.key(state, symbol)] = next
                    }
                    state = next
                }
                ownOutputs[Int(state)].append(Int32(patternIndex))
            }
            // Failure links, breadth first.
            var failure = [Int32](repeating: 0, count: children.count)
            var order: [Int32] = [0]
            order.reserveCapacity(children.count)
            var head = 0
            while head < order.count {
                let state = order[head]
                head += 1
                for (symbol, child) in children[Int(state)] {
                    var fallback = failure[Int(state)]
                    while state != 0 {
                        let next =
                            fallback == 0
                            ? root[Int(symbol)] : (edges[Self.key(fallback, symbol)] ?? 0)
                        if next != 0 && next != child {
                            failure[Int(child)] = next
                            break
                        }
                        if fallback == 0 { break }
                        fallback = failure[Int(fallback)]
                    }
                    order.append(child)
                }
            }
            // Outputs merged along failure chains; parents precede children in `order`.
            var merged = ownOutputs
            for state in order where failure[Int(state)] != 0 {
                merged[Int(state)] += merged[Int(failure[Int(state)])]
            }
            // Renumbered breadth first: a failure link always points to a shallower
            // state, which now has a smaller number.
            var renumbered = [Int32](repeating: 0, count: children.count)
            for (number, state) in order.enumerated() { renumbered[Int(state)] = Int32(number) }
            rootTransitions = root.map { renumbered[Int($0)] }
            self.failure = order.map { renumbered[Int(failure[Int($0)])] }
            for state in order {
                if state != 0 {
                    for (symbol, child) in children[Int(state)].sorted(by: { $0.symbol < $1.symbol }
                    ) {
                        childSymbols.append(symbol)
                        childStates.append(renumbered[Int(child)])
                    }
                }
                childStart.append(Int32(childSymbols.count))
                outputs += merged[Int(state)]
                outputStart.append(Int32(outputs.count))
            }
            patternLengths = patterns.map { Int32($0.count) }
        }

        private static func key(_ state: Int32, _ symbol: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: symbol))
        }
    }
}
