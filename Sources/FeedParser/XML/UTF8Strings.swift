/// Strings made from UTF-8 bytes with one look at them instead of two.
///
/// `String(decoding:as:)` validates its bytes in a loop that takes each byte
/// after the first non-ASCII one on its own, and feed text mixes scripts
/// word by word: making strings of captured text and of reduced HTML was a
/// tenth of parse time. Here ASCII is passed over eight bytes at a time,
/// sequences are checked against the well-formed forms of Unicode's table
/// 3-7 (as `UTF8Evidence` checks them), and the string is made from the
/// checked bytes without another validation. Bytes that are not valid
/// UTF-8 go to `String(decoding:as:)`, which repairs them as before.
enum UTF8Strings {
    /// The string of `bytes`, invalid sequences repaired as `String(decoding:as:)` does.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        guard #available(macOS 26.0, *) else { return String(decoding: bytes, as: UTF8.self) }
        switch bytes.withUnsafeBufferPointer(check) {
        case .invalid: return String(decoding: bytes, as: UTF8.self)
        case .ascii:
            return unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        case .valid: return unsafe String(copying: UTF8Span(unchecked: bytes.span))
        }
    }

    /// The string of `bytes` (an attribute value in libxml2's buffer),
    /// invalid sequences repaired as `String(decoding:as:)` does.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard #available(macOS 26.0, *) else { return String(decoding: bytes, as: UTF8.self) }
        switch check(bytes) {
        case .invalid: return String(decoding: bytes, as: UTF8.self)
        case .ascii:
            return unsafe String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: true))
        case .valid: return unsafe String(copying: UTF8Span(unchecked: bytes.span))
        }
    }

    /// The string of `bytes`, which the caller knows to be valid UTF-8 (made
    /// only of a string's own bytes, cut where ASCII bytes stand, and of
    /// encoded scalars): not validated again.
    @available(macOS 26.0, *)
    static func string(knownValid bytes: [UInt8]) -> String {
        unsafe String(copying: UTF8Span(unchecked: bytes.span))
    }

    private enum Validity {
        case ascii, valid, invalid
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Validity {
        let raw = UnsafeRawBufferPointer(bytes)
        let count = bytes.count
        var index = 0
        var isASCII = true
        while index < count {
            if index + 8 <= count,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            isASCII = false
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else { return .invalid }
            index += length
        }
        return isASCII ? .ascii : .valid
    }

    /// The length of the well-formed sequence starting at `index` (shortest
    /// form, no surrogates, nothing past U+10FFFF), or 0.
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
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
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return 0 }
        if length > 2, bytes[index + 2] & 0xC0 != 0x80 { return 0 }
        if length > 3, bytes[index + 3] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
