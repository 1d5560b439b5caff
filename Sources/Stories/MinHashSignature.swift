import FeedModel

/// A MinHash signature of a set of features: the fraction of equal slots of
/// two signatures estimates the Jaccard similarity of their sets, in constant
/// space per report however long its text.
public struct MinHashSignature: Sendable, Equatable, Codable {
    /// Slots per signature: the estimate's standard error is about 1/√64 ≈ 0.125
    /// at worst (J = 0.5), far less near the thresholds that matter (small J).
    public static let size = 64

    public var slots: [UInt64]

    public init(slots: [UInt64]) {
        self.slots = slots
    }

    public init<Features: Sequence<String>>(features: Features) {
        var slots = [UInt64](repeating: .max, count: Self.size)
        for feature in features {
            var hash = Self.baseHash(feature)
            for slot in 0..<Self.size {
                // One 64-bit hash re-mixed per slot stands in for 64 independent
                // hash functions (splitmix64 finalizer over hash ⊕ slot seed).
                hash = Self.mix(hash &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(slot + 1))
                if hash < slots[slot] { slots[slot] = hash }
            }
        }
        self.slots = slots
    }

    /// The estimated Jaccard similarity of the two feature sets, from 0 to 1.
    public func similarity(to other: MinHashSignature) -> Double {
        guard slots.count == other.slots.count, !slots.isEmpty else { return 0 }
        var equal = 0
        for (mine, theirs) in zip(slots, other.slots) where mine == theirs && mine != .max {
            equal += 1
        }
        return Double(equal) / Double(slots.count)
    }

    private static func baseHash(_ feature: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
