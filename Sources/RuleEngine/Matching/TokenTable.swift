/// Maps a normalized token, as UTF-8 bytes, to its symbol: the integer the
/// automaton runs on. Open addressing with a one-byte tag per slot in a table
/// of its own, so that the usual lookup (a word no rule mentions) reads a few
/// bytes of a small table even when the watchlist has a million tokens, and no
/// lookup allocates, checks bounds or counts references.
///
/// Its tables live in a compiled rules image (`RulesImage`): `TokenTable.Builder`
/// lays them out at compile time, the image's loader validates them (every
/// slot's bytes inside the arena, its symbol known, at least one empty slot).
struct TokenTable: Sendable {
    /// The symbol of every token the rule set does not mention.
    static let unknown: Int32 = 0

    /// Two words per slot: the token's `TokenHash`, then its offset in the
    /// arena (low 32 bits) and its length (high 32 bits); length 0 is empty.
    let slots: FrozenTable<UInt64>
    let symbols: FrozenTable<Int32>
    /// 0 for an empty slot, else 8 bits of the hash of its token (never 0).
    let tags: FrozenTable<UInt8>
    let arena: FrozenTable<UInt8>
    private let mask: Int
    private let shift: UInt64

    /// The table over validated tables: `tags.count` a power of two, two slot
    /// words and a symbol per tag.
    init(
        slots: FrozenTable<UInt64>, symbols: FrozenTable<Int32>, tags: FrozenTable<UInt8>,
        arena: FrozenTable<UInt8>
    ) {
        self.slots = slots
        self.symbols = symbols
        self.tags = tags
        self.arena = arena
        mask = tags.count - 1
        shift = Self.shift(capacity: tags.count)
    }

    /// The tables' arrays, laid out from every token the rules mention.
    struct Builder {
        var slots: [UInt64]
        var symbols: [Int32]
        var tags: [UInt8]
        var arena: [UInt8] = []

        /// `symbols`: every token the rules mention (every spelling of a class) and its symbol.
        init(_ tokenSymbols: [String: Int32]) {
            var capacity = 16
            while capacity < tokenSymbols.count * 2 { capacity <<= 1 }
            slots = [UInt64](repeating: 0, count: capacity * 2)
            symbols = [Int32](repeating: 0, count: capacity)
            tags = [UInt8](repeating: 0, count: capacity)
            let mask = capacity - 1
            let shift = TokenTable.shift(capacity: capacity)
            // Sorted, so that the layout does not depend on dictionary order.
            for (token, symbol) in tokenSymbols.sorted(by: { $0.key < $1.key }) {
                let bytes = Array(token.utf8)
                guard !bytes.isEmpty else { continue }
                let hash = TokenHash.hash(bytes.span)
                var slot = TokenTable.firstSlot(hash, shift: shift)
                while tags[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot * 2] = hash
                slots[slot * 2 + 1] = UInt64(arena.count) | UInt64(bytes.count) << 32
                symbols[slot] = symbol
                tags[slot] = TokenTable.tag(hash)
                arena += bytes
            }
        }
    }

    /// Fibonacci hashing: the top bits of a multiply spread any hash evenly.
    @inline(__always)
    static func firstSlot(_ hash: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    static func shift(capacity: Int) -> UInt64 { UInt64(64 - capacity.trailingZeroBitCount) }

    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash) | 1 }

    func symbol(of token: String) -> Int32? {
        let bytes = Array(token.utf8)
        return symbol(of: bytes.span, hash: TokenHash.hash(bytes.span))
    }

    /// The symbol of `bytes` (whose `TokenHash` is `hash`), or nil when the rule set never mentions it.
    @inline(__always)
    func symbol(of bytes: Span<UInt8>, hash: UInt64) -> Int32? {
        bytes.withUnsafeBufferPointer { symbol(of: $0, hash: hash) }
    }

    @inline(__always)
    private func symbol(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        var slot = Self.firstSlot(hash, shift: shift)
        let wanted = Self.tag(hash)
        while true {
            let tag = tags[slot]
            if tag == 0 { return nil }
            if tag == wanted && slots[slot * 2] == hash {
                let place = slots[slot * 2 + 1]
                let length = Int(truncatingIfNeeded: place >> 32)
                if length == bytes.count, let base = bytes.baseAddress,
                    let arenaBase = arena.baseAddress,
                    memoryEqual(
                        arenaBase + Int(truncatingIfNeeded: place & 0xffff_ffff), base, length)
                {
                    return symbols[slot]
                }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func memoryEqual(
        _ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int
    ) -> Bool {
        for index in 0..<count where left[index] != right[index] { return false }
        return true
    }
}
