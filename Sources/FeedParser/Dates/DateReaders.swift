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
        let rest = bytes[index...]
        index = bytes.count
        // `Z`, `UTC`: letters only, nothing to trim, no Foundation call.
        if rest.allSatisfy(DateParser.isLetter) {
            return DateParser.zoneOffset(named: String(decoding: rest, as: UTF8.self))
        }
        let name = String(decoding: rest, as: UTF8.self).trimmingCharacters(in: .whitespaces)
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
