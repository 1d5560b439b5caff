/// An Aho-Corasick automaton over token symbols: every pattern is a sequence of
/// symbols, and one pass over an item's symbols reports every pattern occurrence,
/// in time linear in the text whatever the number of patterns. A class, so that
/// handing it to each field's scan is one reference, not a copy of its tables.
final class TokenAutomaton: Sendable {
    /// The root's transitions, dense because the root has one per first token.
    private let rootTransitions: [Int32]
    /// Other transitions, keyed by `state << 32 | symbol`.
    private let transitions: TransitionTable
    private let failure: [Int32]
    /// The patterns ending at a state, its own and those of its failure chain,
    /// flattened: state `s` owns `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// The number of symbols of each pattern.
    let patternLengths: [Int32]

    /// Builds the automaton for `patterns` over symbols `0..<symbolCount`.
    init(patterns: [[Int32]], symbolCount: Int) {
        // The trie, with per-state child lists for the breadth-first pass.
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
        var order: [Int32] = []
        order.reserveCapacity(children.count)
        for child in children[0] { order.append(child.state) }
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            for (symbol, child) in children[Int(state)] {
                var fallback = failure[Int(state)]
                while true {
                    let next =
                        fallback == 0 ? root[Int(symbol)] : (edges[Self.key(fallback, symbol)] ?? 0)
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
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for list in merged {
            outputs += list
            outputStart.append(Int32(outputs.count))
        }
        self.rootTransitions = root
        self.transitions = TransitionTable(edges)
        self.failure = failure
        self.outputStart = outputStart
        self.outputs = outputs
        self.patternLengths = patterns.map { Int32($0.count) }
    }

    var stateCount: Int { failure.count }

    @inline(__always)
    static func key(_ state: Int32, _ symbol: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: symbol))
    }

    /// The state after reading `symbol` in `state`.
    @inline(__always)
    func next(_ state: Int32, _ symbol: Int32) -> Int32 {
        if symbol == TokenTable.unknown { return 0 }
        var current = state
        while current != 0 {
            if let next = transitions.lookup(Self.key(current, symbol)) { return next }
            current = failure[Int(current)]
        }
        return rootTransitions[Int(symbol)]
    }

    /// Calls `body` with every pattern ending in `state`.
    @inline(__always)
    func forEachOutput(_ state: Int32, _ body: (Int32) -> Void) {
        let start = Int(outputStart[Int(state)])
        let end = Int(outputStart[Int(state) + 1])
        if start == end { return }
        for index in start..<end { body(outputs[index]) }
    }
}

/// Open addressing from `state << 32 | symbol` to the next state.
struct TransitionTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    init(_ edges: [UInt64: Int32]) {
        var capacity = 16
        while capacity < edges.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: .max, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        for (key, value) in edges {
            var slot = Self.slot(key) & mask
            while keys[slot] != .max { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    private static func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> Int32? {
        var slot = Self.slot(key) & mask
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == .max { return nil }
            slot = (slot + 1) & mask
        }
    }
}
