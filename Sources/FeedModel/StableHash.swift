/// FNV-1a over UTF-8, two lanes with different offsets: 128 bits, enough that
/// distinct (rule, feed, item) triples do not collide in any real log.
public enum StableHash {
    public static func hex128(of parts: [String]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x6c62_272e_07bb_0142
        for part in parts {
            for byte in part.utf8 {
                first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                second = second.rotateLeft(by: 5)
            }
            // A separator no UTF-8 text contains keeps ("ab","c") apart from ("a","bc").
            first = (first ^ 0xff) &* 0x0000_0100_0000_01b3
            second = (second ^ 0xff) &* 0x0000_0100_0000_01b3
        }
        return hex(first) + hex(second)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension UInt64 {
    fileprivate func rotateLeft(by count: UInt64) -> UInt64 {
        (self << count) | (self >> (64 - count))
    }
}
