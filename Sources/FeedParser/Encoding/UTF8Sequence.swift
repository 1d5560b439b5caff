/// The well-formed UTF-8 sequences of Unicode's table 3-7, for the readers
/// that check UTF-8 themselves (`UTF8Evidence`, `UTF8Strings`).
enum UTF8Sequence {
    /// The length of the well-formed sequence starting at `index` (shortest
    /// form, no surrogates, nothing past U+10FFFF), or 0.
    @inline(__always)
    static func length<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at index: Int) -> Int
    where Bytes.Index == Int {
        let lead = bytes[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex else { return 0 }
        // The second byte has the narrowed range; the others any continuation.
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return 0 }
        if length > 2, bytes[index + 2] & 0xC0 != 0x80 { return 0 }
        if length > 3, bytes[index + 3] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
