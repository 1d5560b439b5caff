/// A fixed map from names packed into 64 bits (`HTMLEntityTable.NameKey`,
/// `HTMLElementTable.NameKey`) to small numbers, for the lookups the fast
/// HTML reader makes at every tag and reference: open addressing with a
/// multiplicative hash, no hashing of strings, no locking. Built once.
struct PackedNameTable: Sendable {
    private let keys: [UInt64]
    private let values: [Int32]
    private let shift: UInt64
    private let mask: Int

    /// The map of `entries`, whose keys are distinct and never 0.
    init(_ entries: [(key: UInt64, value: Int)]) {
        // At most a quarter full: probes rarely go past the first slot.
        var size = 16
        var bits: UInt64 = 4
        while size < entries.count * 4 {
            size *= 2
            bits += 1
        }
        var keys = [UInt64](repeating: 0, count: size)
        var values = [Int32](repeating: -1, count: size)
        shift = 64 - bits
        mask = size - 1
        for (key, value) in entries {
            var slot = Self.slot(of: key, shift: shift)
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = Int32(value)
        }
        self.keys = keys
        self.values = values
    }

    /// The value of `key`, or nil when the map has none.
    @inline(__always)
    func value(for key: UInt64) -> Int? {
        var slot = Self.slot(of: key, shift: shift)
        while true {
            let found = keys[slot]
            if found == key { return Int(values[slot]) }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
