import Foundation

/// Parses the dates feeds carry: RFC 822 with its usual mistakes (no day
/// name, two-digit years, named zones, no seconds, odd spacing), RFC 3339
/// and the ISO 8601 variants W3C-DTF allows and publishers invent.
/// Anything else is nil; nothing here traps on input.
public enum DateParser {
    /// The instant `text` names, or nil when it names none.
    public static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }) else { return nil }
        if first > 0 { bytes.removeFirst(first) }
        guard bytes.count >= 4, bytes.count < 100 else { return nil }
        if let widened = widenTwoDigitYear(bytes) { bytes = widened }
        if bytes.prefix(4).allSatisfy(isDigit) {
            var reader = ISO8601Reader(bytes)
            if let date = reader.read() { return date }
        }
        return RFC1123Reader.read(bytes) ?? RFC822Reader(bytes).read()
    }

    /// ISO 8601's two-digit-year forms (`031231`, `03-12-31`, `03335`,
    /// `-0312`, `-03-12`) rewritten with a four-digit year.
    private static func widenTwoDigitYear(_ bytes: [UInt8]) -> [UInt8]? {
        let digits = bytes.prefix(while: isDigit).count
        if bytes.first == UInt8(ascii: "-"), bytes.count >= 5, bytes.count <= 6 {
            let rest = Array(bytes.dropFirst()).filter { $0 != UInt8(ascii: "-") }
            guard rest.count == 4, rest.allSatisfy(isDigit) else { return nil }
            return century + rest[0..<2] + [UInt8(ascii: "-")] + rest[2..<4]
        }
        if digits == 2, bytes.count >= 8, bytes[2] == UInt8(ascii: "-"),
            bytes[5] == UInt8(ascii: "-")
        {
            return century + bytes
        }
        if (digits == 6 || digits == 5), digits == bytes.count || bytes[digits] == UInt8(ascii: "T")
        {
            return century + bytes
        }
        return nil
    }

    /// The century a two-digit year is read in, made once rather than for
    /// every date read.
    private static let century: [UInt8] = Array("20".utf8)

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xA0
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Seconds since 1970 for a UTC civil date and time, checking ranges.
    static func instant(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0,
        offsetSeconds: Int = 0
    ) -> Date? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0...24).contains(hour), (0...59).contains(minute), second >= 0, second < 61,
            hour < 24 || (minute == 0 && second == 0), (1...9999).contains(year)
        else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146097 + dayOfEra - 719468
        let seconds =
            Double(days * 86400 + hour * 3600 + minute * 60 - offsetSeconds) + min(second, 59.999)
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Offsets of the zone names feeds use, in seconds east of UTC.
    static func zoneOffset(named name: String) -> Int? {
        zoneOffsets[name.uppercased()]
    }

    private static let zoneOffsets: [String: Int] = [
        "Z": 0, "UT": 0, "UTC": 0, "GMT": 0, "WET": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
        "AST": -4 * 3600, "AT": -4 * 3600, "ET": -5 * 3600, "CT": -6 * 3600,
        "MT": -7 * 3600, "PT": -8 * 3600, "ADT": -3 * 3600,
        "NZST": 12 * 3600, "NZDT": 13 * 3600,
        "BST": 3600, "CET": 3600, "MET": 3600, "WEST": 3600,
        // IST is ambiguous (India, Ireland, Israel); NetNewsWire reads Israel.
        "CEST": 2 * 3600, "MEST": 2 * 3600, "EET": 2 * 3600, "IST": 2 * 3600,
        "EEST": 3 * 3600, "MSK": 3 * 3600, "JST": 9 * 3600, "KST": 9 * 3600,
        "HKT": 8 * 3600, "SGT": 8 * 3600, "AWST": 8 * 3600,
        "AEST": 10 * 3600, "AEDT": 11 * 3600,
    ]

    private static let monthAbbreviations = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    private static let monthKeys = monthAbbreviations.compactMap(asciiKey)

    /// The first three bytes, ASCII letters lowercased, as one number; nil
    /// when there are fewer or one is not ASCII.
    private static func asciiKey(_ text: String) -> UInt32? {
        var bytes = text.utf8.makeIterator()
        var key: UInt32 = 0
        for _ in 0..<3 {
            guard let byte = bytes.next(), byte < 0x80 else { return nil }
            key = key << 8 | UInt32(isLetter(byte) ? byte | 0x20 : byte)
        }
        return key
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]

    /// A month by English name or three-letter abbreviation.
    static func month(named name: String) -> Int? {
        // Most words asked about are day names and zones: when the first
        // three bytes are ASCII and begin no month, that is the answer.
        if let head = asciiKey(name), !monthKeys.contains(head) { return nil }
        let lowered = name.lowercased()
        guard lowered.count >= 3 else { return nil }
        if lowered == "sept" { return 9 }
        for (index, abbreviation) in monthAbbreviations.enumerated()
        where lowered.hasPrefix(abbreviation) {
            if lowered == abbreviation || monthNames[index].hasPrefix(lowered) { return index + 1 }
        }
        return nil
    }
}
