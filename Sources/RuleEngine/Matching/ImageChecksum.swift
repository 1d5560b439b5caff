/// The checksum of a compiled rules image: four independent 64-bit lanes over
/// 32 bytes at a time, so that checking tens of megabytes at every start costs
/// a few milliseconds. It finds damage (a torn write, a flipped bit, a file cut
/// short), not tampering: the cache is the monitor's own file, beside its state.
enum ImageChecksum {
    private static let prime: UInt64 = 0x9e37_79b9_7f4a_7c15

    @inline(__always)
    private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (lane ^ word) &* 0xff51_afd7_ed55_8ccd
        return mixed ^ (mixed >> 29)
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0,
            0x082e_fa98_ec4e_6c89
        )
        let count = bytes.count
        guard let base = bytes.baseAddress else { return finish(lanes, count: 0) }
        var offset = 0
        while offset &+ 32 <= count {
            lanes.0 = mix(lanes.0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset &+= 32
        }
        // The tail, a byte at a time, each with its position so that zeros count.
        while offset < count {
            let byte = UInt64(base.load(fromByteOffset: offset, as: UInt8.self))
            lanes.0 = mix(lanes.0, byte | UInt64(offset) << 8)
            offset &+= 1
        }
        return finish(lanes, count: count)
    }

    private static func finish(_ lanes: (UInt64, UInt64, UInt64, UInt64), count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* prime
        hash = mix(hash, lanes.0)
        hash = mix(hash, lanes.1)
        hash = mix(hash, lanes.2)
        hash = mix(hash, lanes.3)
        return hash
    }
}
