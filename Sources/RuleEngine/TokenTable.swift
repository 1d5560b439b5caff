/// Maps a normalized token, as UTF-8 bytes, to its symbol: the integer the
/// automaton runs on. Open addressing over one byte arena, so a lookup from the
/// normalizer's buffer allocates nothing.
struct TokenTable: Sendable {
    /// The symbol of every token the rule set does not mention.
    static let unknown: Int32 = 0

    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var keyOffsets: [Int32] = []
    private var keyLengths: [Int32] = []
    private var symbols: [Int32] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(expectedCount: Int) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    var count: Int { symbols.count }

    /// FNV-1a: simple, and tokens are short.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// Adds `token` with `symbol`, unless it is already there.
    mutating func insert(_ token: String, symbol: Int32) {
        if self.symbol(of: token) != nil { return }
        if (symbols.count + 1) * 2 > slots.count { grow() }
        let bytes = Array(token.utf8)
        let hash = bytes.withUnsafeBufferPointer(Self.hash)
        let entry = Int32(symbols.count)
        hashes.append(hash)
        keyOffsets.append(Int32(arena.count))
        keyLengths.append(Int32(bytes.count))
        symbols.append(symbol)
        arena += bytes
        place(entry, hash: hash)
    }

    private mutating func place(_ entry: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for entry in 0..<hashes.count { place(Int32(entry), hash: hashes[entry]) }
    }

    func symbol(of token: String) -> Int32? {
        var token = token
        return token.withUTF8 { symbol(of: $0, hash: Self.hash($0)) }
    }

    /// The symbol of `bytes`, or nil when the rule set never mentions it.
    @inline(__always)
    func symbol(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return nil }
                if hashes[entry] == hash && Int(keyLengths[entry]) == bytes.count
                    && keysEqual(entry, bytes)
                {
                    return symbols[entry]
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func keysEqual(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let offset = Int(keyOffsets[entry])
        return arena.withUnsafeBufferPointer { arena in
            for index in 0..<bytes.count where arena[offset + index] != bytes[index] {
                return false
            }
            return true
        }
    }
}
