import Foundation

/// ISO 8601 / RFC 3339 / W3C-DTF: `2003-12-31T10:14:55.12-08:00`,
/// `2003-12-31`, `2003-12`, `20031231T101455Z`, `2003-335`, with a space
/// instead of `T`, seconds or minutes missing, a named zone after a space.
struct ISO8601Reader {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func read() -> Date? {
        guard let year = number(digits: 4) else { return nil }
        var month = 1
        var day = 1
        let dashed = take(UInt8(ascii: "-"))
        if dashed {
            let start = index
            guard let first = number(minimum: 1, maximum: 3) else { return nil }
            if index - start == 3, !(index < bytes.count && bytes[index] == UInt8(ascii: "-")) {
                // Ordinal date: day of the year.
                return ordinal(year: year, day: first)
            }
            month = first
            if take(UInt8(ascii: "-")) {
                guard let dayValue = number(minimum: 1, maximum: 2) else { return nil }
                day = dayValue
            }
        } else if bytes.count == index + 3, let compact = number(digits: 3) {
            return ordinal(year: year, day: compact)
        } else if let compactMonth = number(digits: 2) {
            month = compactMonth
            if let compactDay = number(digits: 2) { day = compactDay }
        }
        var hour = 0
        var minute = 0
        var second = 0.0
        var offset = 0
        if index < bytes.count,
            bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t")
                || bytes[index] == UInt8(ascii: " ")
        {
            index += 1
            while index < bytes.count, DateParser.isSpace(bytes[index]) { index += 1 }
            guard let hourValue = number(minimum: 1, maximum: 2) else {
                return finish(year: year, month: month, day: day)
            }
            hour = hourValue
            let colon = take(UInt8(ascii: ":"))
            if let minuteValue = number(digits: 2) {
                minute = minuteValue
                if (colon ? take(UInt8(ascii: ":")) : true),
                    let secondValue = number(minimum: 1, maximum: 2)
                {
                    second = Double(secondValue)
                    if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                        let start = index
                        while index < bytes.count, DateParser.isDigit(bytes[index]) { index += 1 }
                        let fraction = String(decoding: bytes[start..<index], as: UTF8.self)
                        second += Double("0." + fraction) ?? 0
                    }
                }
            }
            guard let zone = zone() else { return nil }
            offset = zone
        }
        // Anything left over (`-01`, `Textra`) means this was not a date.
        guard index == bytes.count else { return nil }
        return finish(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offset: offset)
    }

    private func finish(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0,
        offset: Int = 0
    ) -> Date? {
        DateParser.instant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            offsetSeconds: offset)
    }

    private func ordinal(year: Int, day: Int) -> Date? {
        guard let start = DateParser.instant(year: year, month: 1, day: 1), day >= 1, day <= 366
        else { return nil }
        return start.addingTimeInterval(Double(day - 1) * 86400)
    }

    /// The zone after the time, in seconds east of UTC; 0 when absent.
    private mutating func zone() -> Int? {
        while index < bytes.count, DateParser.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return 0 }
        let sign = bytes[index]
        if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            index += 1
            guard let hours = number(minimum: 1, maximum: 2) else { return nil }
            _ = take(UInt8(ascii: ":"))
            let minutes = number(digits: 2) ?? 0
            guard hours <= 14, minutes < 60, index == bytes.count else { return nil }
            let offset = hours * 3600 + minutes * 60
            return sign == UInt8(ascii: "-") ? -offset : offset
        }
        let name = String(decoding: bytes[index...], as: UTF8.self).trimmingCharacters(
            in: .whitespaces)
        index = bytes.count
        return DateParser.zoneOffset(named: name)
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func number(digits: Int) -> Int? {
        number(minimum: digits, maximum: digits)
    }

    private mutating func number(minimum: Int, maximum: Int) -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, count < maximum, DateParser.isDigit(bytes[index]) {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
            count += 1
        }
        guard count >= minimum else {
            index -= count
            return nil
        }
        return value
    }
}

/// RFC 822 / RFC 1123 as written in the wild: `Fri, 28 May 2010 21:03:38 GMT`,
/// also `28 May 10 21:03 EST`, `May 28, 2010 9:03:38 PM -0500`,
/// `Fri, 28-May-2010 21:03:38 +0000 (UTC)`.
struct RFC822Reader {
    private let text: String

    init(_ bytes: [UInt8]) {
        text = String(decoding: bytes, as: UTF8.self)
    }

    func read() -> Date? {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (hour: Int, minute: Int, second: Double)?
        var offset: Int?
        var afternoon: Bool?
        let withoutComment = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
        var tokens = withoutComment.split(whereSeparator: {
            $0 == " " || $0 == "," || $0.isWhitespace
        })
        .map(String.init)
        // `28-May-2010` and `May/28/2010`: split into their parts.
        tokens = tokens.flatMap { token -> [String] in
            guard token.contains(where: \.isLetter), !token.contains(":"),
                token.contains("-") || token.contains("/")
            else { return [token] }
            return token.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        }
        for var token in tokens {
            if token.hasSuffix(".") { token.removeLast() }
            // `GMT-01:01`, `UTC+2`: the name says nothing the offset does not.
            for prefix in ["GMT", "UTC", "UT"] where token.uppercased().hasPrefix(prefix) {
                let rest = token.dropFirst(prefix.count)
                if rest.first == "+" || rest.first == "-" { token = String(rest) }
            }
            guard let first = token.unicodeScalars.first else { continue }
            if first == "+" || first == "-" {
                guard let zone = Self.numericZone(token) else { return nil }
                offset = zone
            } else if token.contains(":") {
                guard time == nil else { continue }
                var clock = token
                // A zone glued to the time: `21:03:38Z`, `21:03:38+0000`.
                if let zoneStart = clock.firstIndex(where: { $0 == "+" || $0 == "-" || $0.isLetter }
                ) {
                    let zone = String(clock[zoneStart...])
                    clock = String(clock[..<zoneStart])
                    if let value = Self.numericZone(zone) ?? DateParser.zoneOffset(named: zone) {
                        offset = value
                    }
                }
                let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count >= 2, parts.count <= 3, let hour = Int(parts[0]),
                    let minute = Int(parts[1])
                else { return nil }
                let second = parts.count == 3 ? Double(parts[2]) : 0
                guard let second else { return nil }
                time = (hour, minute, second)
            } else if first.properties.isAlphabetic {
                let lowered = token.lowercased()
                if lowered == "am" || lowered == "a.m" {
                    afternoon = false
                } else if lowered == "pm" || lowered == "p.m" {
                    afternoon = true
                } else if month == nil, let named = DateParser.month(named: token) {
                    month = named
                } else if let zone = DateParser.zoneOffset(named: token) {
                    offset = zone
                }
                // Day names and unknown words carry nothing.
            } else if let number = Int(token) {
                if token.count >= 3 || number > 31 {
                    year = number
                } else if day == nil {
                    day = number
                } else if year == nil {
                    year = number
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        guard var year, let month, let day else { return nil }
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        var clock = time ?? (0, 0, 0)
        if let afternoon {
            if afternoon, clock.hour < 12 { clock.hour += 12 }
            if !afternoon, clock.hour == 12 { clock.hour = 0 }
        }
        return DateParser.instant(
            year: year, month: month, day: day, hour: clock.hour, minute: clock.minute,
            second: clock.second,
            offsetSeconds: offset ?? 0)
    }

    /// `+0000`, `-05:00`, `+05`, `-5`.
    private static func numericZone(_ token: String) -> Int? {
        guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
        let digits = token.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let value = Int(digits) else {
            return nil
        }
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
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
