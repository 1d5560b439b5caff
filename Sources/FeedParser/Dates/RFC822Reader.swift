import Foundation

/// RFC 822 / RFC 1123 as written in the wild: `Fri, 28 May 2010 21:03:38 GMT`,
/// also `28 May 10 21:03 EST`, `May 28, 2010 9:03:38 PM -0500`,
/// `Fri, 28-May-2010 21:03:38 +0000 (UTC)`, `… GMT-01:00`.
/// Works on bytes: dates are parsed once per item, so this is a hot path.
struct RFC822Reader {
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    private struct Fields {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int, second: Double)?
        var offset: Int?
        var afternoon: Bool?
    }

    func read() -> Date? {
        var fields = Fields()
        // A trailing comment, `(UTC)`, says nothing the zone does not.
        let end = bytes.firstIndex(of: UInt8(ascii: "(")) ?? bytes.count
        var start = 0
        var index = 0
        while index <= end {
            let isSeparator =
                index == end || bytes[index] == UInt8(ascii: " ")
                || bytes[index] == UInt8(ascii: ",")
                || DateParser.isSpace(bytes[index])
            if isSeparator {
                if index > start, !read(token: bytes[start..<index], into: &fields) { return nil }
                start = index + 1
            }
            index += 1
        }
        guard var year = fields.year, let month = fields.month, let day = fields.day else {
            return nil
        }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var clock = fields.time ?? (0, 0, 0)
        if let afternoon = fields.afternoon {
            if afternoon, clock.hour < 12 { clock.hour += 12 }
            if !afternoon, clock.hour == 12 { clock.hour = 0 }
        }
        return DateParser.instant(
            year: year, month: month, day: day, hour: clock.hour, minute: clock.minute,
            second: clock.second, offsetSeconds: fields.offset ?? 0)
    }

    /// Reads one token; false when it cannot belong to a date.
    private func read(token raw: ArraySlice<UInt8>, into fields: inout Fields) -> Bool {
        var token = raw
        if token.last == UInt8(ascii: ".") { token = token.dropLast() }
        guard let first = token.first else { return true }
        let hasLetters = token.contains(where: DateParser.isLetter)
        // `28-May-2010` and `May/28/2010`: read their parts one by one.
        if hasLetters, !token.contains(UInt8(ascii: ":")),
            token.dropFirst().contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/") }
            ),
            DateParser.isLetter(first) || DateParser.isDigit(first)
        {
            for part in token.split(whereSeparator: {
                $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "/")
            }) {
                guard read(token: part, into: &fields) else { return false }
            }
            return true
        }
        // `GMT-01:01`, `UTC+2`: the name adds nothing to the offset.
        if DateParser.isLetter(first),
            let sign = token.firstIndex(where: {
                $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-")
            }),
            token[token.startIndex..<sign].allSatisfy(DateParser.isLetter)
        {
            let name = String(decoding: token[token.startIndex..<sign], as: UTF8.self).uppercased()
            if name == "GMT" || name == "UTC" || name == "UT" { token = token[sign...] }
        }
        if token.first == UInt8(ascii: "+") || token.first == UInt8(ascii: "-") {
            guard let zone = Self.numericZone(token) else { return false }
            fields.offset = zone
            return true
        }
        if token.contains(UInt8(ascii: ":")) {
            return fields.time == nil ? readTime(token, into: &fields) : true
        }
        if hasLetters {
            let word = String(decoding: token, as: UTF8.self)
            switch word.lowercased() {
            case "am", "a.m": fields.afternoon = false
            case "pm", "p.m": fields.afternoon = true
            default:
                if fields.month == nil, let month = DateParser.month(named: word) {
                    fields.month = month
                } else if let zone = DateParser.zoneOffset(named: word) {
                    fields.offset = zone
                }
            // Day names and unknown words carry nothing.
            }
            return true
        }
        guard token.allSatisfy(DateParser.isDigit), token.count <= 4 else { return false }
        let number = token.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        if token.count >= 3 || number > 31 {
            fields.year = number
        } else if fields.day == nil {
            fields.day = number
        } else if fields.year == nil {
            fields.year = number
        } else {
            return false
        }
        return true
    }

    /// `21:03:38`, `21:03`, `21:03:38.5`, with a zone maybe glued on (`21:03:38Z`).
    private func readTime(_ token: ArraySlice<UInt8>, into fields: inout Fields) -> Bool {
        var clock = token
        if let zoneStart = token.firstIndex(where: {
            $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || DateParser.isLetter($0)
        }) {
            let zone = token[zoneStart...]
            clock = token[token.startIndex..<zoneStart]
            if let value = Self.numericZone(zone)
                ?? DateParser.zoneOffset(named: String(decoding: zone, as: UTF8.self))
            {
                fields.offset = value
            }
        }
        // Two or three parts between colons, found without splitting into an array.
        let colon = UInt8(ascii: ":")
        guard let firstColon = clock.firstIndex(of: colon) else { return false }
        let afterMinute = clock[(firstColon + 1)...].firstIndex(of: colon)
        let minuteEnd = afterMinute ?? clock.endIndex
        guard let hour = Self.integer(clock[clock.startIndex..<firstColon]),
            let minute = Self.integer(clock[(firstColon + 1)..<minuteEnd])
        else { return false }
        var second = 0.0
        if let afterMinute {
            let seconds = clock[(afterMinute + 1)...]
            guard !seconds.contains(colon) else { return false }
            // Whole seconds, nearly always: no string to make for them.
            if let whole = Self.integer(seconds) {
                second = Double(whole)
            } else if let value = Double(String(decoding: seconds, as: UTF8.self)) {
                second = value
            } else {
                return false
            }
        }
        fields.time = (hour, minute, second)
        return true
    }

    private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy(DateParser.isDigit) else {
            return nil
        }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `+0000`, `-05:00`, `+05`, `-5`.
    private static func numericZone(_ token: ArraySlice<UInt8>) -> Int? {
        guard let sign = token.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            return nil
        }
        let digits = token.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard let value = integer(digits[...]) else { return nil }
        let hours: Int
        let minutes: Int
        switch digits.count {
        case 1, 2:
            hours = value
            minutes = 0
        case 3, 4:
            hours = value / 100
            minutes = value % 100
        default: return nil
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
