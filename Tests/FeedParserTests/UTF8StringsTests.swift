import Testing

@testable import FeedParser

/// `UTF8Strings` makes a string from bytes it checked itself: it must call
/// valid exactly what the standard library calls valid, or a string would
/// hold bytes that are not UTF-8.
@Suite struct UTF8StringsTests {
    /// Well-formed and ill-formed sequences at each edge of Unicode's table
    /// 3-7, alone, after eight ASCII bytes (past the word-at-a-time scan)
    /// and cut short at the end.
    static let sequences: [[UInt8]] = [
        [], [0x41], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80],
        [0xDF, 0xBF], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80],
        [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80],
        [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80],
        [0xF3, 0xBF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3, 0x41],
        [0xE2, 0x41, 0xAC], [0xF0, 0x9F, 0x41, 0x80], Array("café 東京 Москва 😀".utf8),
    ]

    @Test(arguments: sequences)
    func agreesWithTheStandardLibrary(_ sequence: [UInt8]) {
        let ascii = Array("abcdefgh".utf8)
        for bytes in [sequence, ascii + sequence, sequence + ascii, ascii + sequence + ascii] {
            let made = UTF8Strings.string(bytes[...])
            #expect(made == String(decoding: bytes, as: UTF8.self))
            #expect(Array(made.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
            // Valid bytes are kept as they are; invalid ones repaired.
            #expect(
                (Array(made.utf8) == bytes) == (String(validating: bytes, as: UTF8.self) != nil))
        }
    }

    @Test func everyTwoByteCombinationAgrees() {
        for first in UInt8(0x80)...0xFF {
            for second in UInt8(0)...0xFF {
                let bytes = Array("abcdefgh".utf8) + [first, second, 0x80, 0x80]
                let made = UTF8Strings.string(bytes[...])
                #expect(Array(made.utf8) == Array(String(decoding: bytes, as: UTF8.self).utf8))
            }
        }
    }
}
