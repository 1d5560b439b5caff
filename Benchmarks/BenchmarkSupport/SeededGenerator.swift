/// SplitMix64: small, seeded, the same sequence on every platform, so every
/// benchmark run sees the same corpus.
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in `0..<bound`, skewed towards the front as real volumes are
    /// (a few rules, feeds and entities account for most alerts).
    public mutating func skewed(_ bound: Int) -> Int {
        let uniform = Double(next() >> 11) / Double(1 << 53)
        return min(bound - 1, Int(Double(bound) * uniform * uniform * uniform))
    }
}
