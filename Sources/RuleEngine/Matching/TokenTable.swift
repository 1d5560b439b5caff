/// Maps a normalized token, as UTF-8 bytes, to its symbol: the integer the
/// automaton runs on. Built once from a dictionary, then read through raw
/// memory: open addressing with a one-byte tag per slot in an array of its own,
/// so that the usual lookup (a word no rule mentions) reads a few bytes of a
/// small array even when the watchlist has a million tokens, and no lookup
/// allocates, checks bounds or counts references.
///
/// `@unchecked Sendable`: its memory is written only in `init`, then only read.
final class TokenTable: @unchecked Sendable {
    /// The symbol of every token the rule set does not mention.
    static let unknown: Int32 = 0

    private struct Slot {
        var hash: UInt64
        var offset: Int32
        /// 0 marks an empty slot: no token is empty.
        var length: Int32
        var symbol: Int32
    }

    private let slots: UnsafeMutablePointer<Slot>
    /// 0 for an empty slot, else 8 bits of the hash of its token (never 0).
    private let tags: UnsafeMutablePointer<UInt8>
    private let mask: Int
    private let shift: UInt64
    private let arena: UnsafeMutablePointer<UInt8>
    let count: Int

    /// `symbols`: every token the rules mention (every spelling of a class) and its symbol.
    init(_ symbols: [String: Int32]) {
        var capacity = 16
        while capacity < symbols.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = symbols.count
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(hash: 0, offset: 0, length: 0, symbol: 0), count: capacity)
        tags = .allocate(capacity: capacity)
        tags.initialize(repeating: 0, count: capacity)
        let arenaSize = symbols.keys.reduce(0) { $0 + $1.utf8.count }
        arena = .allocate(capacity: max(1, arenaSize))
        var offset = 0
        // Sorted, so that the layout does not depend on dictionary order.
        for (token, symbol) in symbols.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(token.utf8)
            guard !bytes.isEmpty else { continue }
            let hash = TokenHash.hash(bytes.span)
            (arena + offset).initialize(from: bytes, count: bytes.count)
            var slot = firstSlot(hash)
            while tags[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(
                hash: hash, offset: Int32(offset), length: Int32(bytes.count), symbol: symbol)
            tags[slot] = Self.tag(hash)
            offset += bytes.count
        }
    }

    /// Fibonacci hashing: the top bits of a multiply spread any hash evenly.
    @inline(__always)
    private func firstSlot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash) | 1 }

    deinit {
        tags.deallocate()
        slots.deallocate()
        arena.deallocate()
    }

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
        var slot = firstSlot(hash)
        let wanted = Self.tag(hash)
        while true {
            let tag = tags[slot]
            if tag == 0 { return nil }
            if tag == wanted {
                let candidate = slots[slot]
                if candidate.hash == hash && Int(candidate.length) == bytes.count,
                    let base = bytes.baseAddress,
                    memoryEqual(arena + Int(candidate.offset), base, bytes.count)
                {
                    return candidate.symbol
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
