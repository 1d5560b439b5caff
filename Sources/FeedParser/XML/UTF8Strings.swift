/// Strings made from UTF-8 bytes with one look at them instead of two.
///
/// `String(decoding:as:)` validates its bytes in a loop that takes each byte
/// after the first non-ASCII one on its own, and feed text mixes scripts
/// word by word: making strings of captured text and of reduced HTML was a
/// tenth of parse time. Here ASCII is passed over eight bytes at a time,
/// sequences are checked against the well-formed forms of Unicode's table
/// 3-7 (`UTF8Sequence`), and the string is made from the checked bytes
/// without another validation. Bytes that are not valid UTF-8 go to
/// `String(decoding:as:)`, which repairs them as before.
enum UTF8Strings {
    /// The string of `bytes`, invalid sequences repaired as `String(decoding:as:)` does.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    /// The string of `bytes` (text captured, an attribute value in
    /// libxml2's buffer), invalid sequences repaired as `String(decoding:as:)` does.
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

    /// Whether `bytes` are well-formed UTF-8 by Unicode's table 3-7.
    static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        check(bytes) != .invalid
    }

    /// The string of `bytes`, which libxml2 or this type has already found
    /// well-formed: not validated again.
    static func string(knownWellFormed bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard #available(macOS 26.0, *) else { return String(decoding: bytes, as: UTF8.self) }
        return unsafe String(copying: UTF8Span(unchecked: bytes.span))
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
            let length = UTF8Sequence.length(in: bytes, at: index)
            guard length > 0 else { return .invalid }
            index += length
        }
        return isASCII ? .ascii : .valid
    }
}
