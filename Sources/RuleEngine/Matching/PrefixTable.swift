/// The prefixes of the wildcard terms (`bomb*`), as a byte trie, to find the
/// longest wildcard prefix of a token the rule set does not otherwise know.
/// Built, then frozen into a `PrefixTable` for matching.
struct PrefixTableBuilder {
    /// 256 children per node; 0 means none (the root is never a child).
    private(set) var children: [Int32] = [Int32](repeating: 0, count: 256)
    /// The prefix-class symbol of the node, or 0 when no prefix ends there.
    private(set) var symbols: [Int32] = [0]

    mutating func insert(_ prefix: String, symbol: Int32) {
        var node = 0
        for byte in prefix.utf8 {
            let index = node * 256 + Int(byte)
            if children[index] == 0 {
                children[index] = Int32(symbols.count)
                symbols.append(0)
                children += [Int32](repeating: 0, count: 256)
            }
            node = Int(children[index])
        }
        symbols[node] = symbol
    }
}

/// The frozen trie, in a compiled rules image: its loader has checked that
/// there are 256 children per node, each a node or 0, and every symbol known.
struct PrefixTable: Sendable {
    private let children: FrozenTable<Int32>
    private let symbols: FrozenTable<Int32>

    init(children: FrozenTable<Int32>, symbols: FrozenTable<Int32>) {
        self.children = children
        self.symbols = symbols
    }

    /// The symbol of the longest inserted prefix of `bytes`, if any.
    @inline(__always)
    func longestPrefixSymbol(of bytes: Span<UInt8>) -> Int32? {
        var node = 0
        var found: Int32 = 0
        for index in bytes.indices {
            let next = Int(children[node * 256 + Int(bytes[index])])
            if next == 0 { break }
            node = next
            if symbols[node] != 0 { found = symbols[node] }
        }
        return found == 0 ? nil : found
    }
}
