/// The hash of a token's folded bytes, eight bytes at a time: the matcher hashes
/// every token of every item, so no per-byte multiply chain.
enum TokenHash {
    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xff51_afd7_ed55_8ccd
        return mixed ^ (mixed >> 32)
    }

    /// The hash of `count` bytes at `base`, which must be followed by at least
    /// 7 readable bytes (the normalizer's buffer is): the tail is one masked load.
    @inline(__always)
    static func hashPadded(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9e37_79b9_7f4a_7c15
        var offset = 0
        let raw = UnsafeRawPointer(base)
        while offset &+ 8 <= count {
            hash = mix(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset &+= 8
        }
        let remaining = count &- offset
        if remaining > 0 {
            // Which bytes the mask keeps depends on byte order, but every hash goes
            // through here, so text and terms always agree.
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = mix(hash, word & ((1 << UInt64(remaining &* 8)) &- 1))
        }
        return hash
    }

    /// The same hash for bytes without padding (the token table's, built once).
    static func hash(_ bytes: Span<UInt8>) -> UInt64 {
        var padded = bytes.withUnsafeBufferPointer { Array($0) }
        padded += repeatElement(0, count: 8)
        return padded.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return hashPadded(base, bytes.count)
        }
    }
}

/// Byte-parallel arithmetic on eight ASCII bytes in a word (bit twiddling's
/// `hasbetween`, exact per byte for bytes below 0x80).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7f7f_7f7f_7f7f_7f7f
    static let caseBits: UInt64 = 0x2020_2020_2020_2020

    /// The high bit of each byte `b` with `low < b < high` and `b < 0x80`.
    @inline(__always)
    static func between(_ word: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
        let low7 = word & lowBits
        return ((ones &* (127 &+ high)) &- low7) & ~word & (low7 &+ ones &* (127 &- low)) & highBits
    }

    /// The high bit of each byte that is an ASCII letter or digit.
    @inline(__always)
    static func letterOrDigitMask(_ word: UInt64) -> UInt64 {
        between(word, 0x2f, 0x3a) | between(word | caseBits, 0x60, 0x7b)
    }
}
