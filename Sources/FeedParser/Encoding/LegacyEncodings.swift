/// windows-1252, decoded here rather than through iconv because iconv
/// refuses its five unassigned bytes, and this is the decoder of last resort.
enum WindowsLatin1 {
    private static let high: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The scalar value a byte stands for in windows-1252.
    static func scalar(_ byte: UInt8) -> UInt32 {
        (0x80..<0xA0).contains(byte) ? UInt32(high[Int(byte - 0x80)]) : UInt32(byte)
    }

    static func utf8(from bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = scalar(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return output
    }
}

/// Tells undeclared windows-1251 (Russian, Ukrainian, Bulgarian…) from
/// windows-1252: Cyrillic text is made of runs of high bytes, while Western
/// text has an accented letter here and there among ASCII ones.
enum CyrillicGuess {
    static func looksCyrillic(_ bytes: [UInt8]) -> Bool {
        var high = 0
        var inRuns = 0
        var run = 0
        for byte in bytes {
            if byte >= 0xC0 {
                high += 1
                run += 1
                if run == 3 { inRuns += 3 } else if run > 3 { inRuns += 1 }
            } else {
                run = 0
            }
        }
        return high >= 6 && inRuns * 2 > high
    }
}
