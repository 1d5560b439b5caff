import Foundation

/// The one shape nearly every RSS date has, `Tue, 14 Nov 2023 23:13:20 GMT`
/// (or `UTC`, or `+0000`), read at fixed positions. Anything else, and any
/// value this shape would read to no instant, is nil and goes to
/// `RFC822Reader`, which reads this shape field for field the same way.
enum RFC1123Reader {
    static func read(_ bytes: [UInt8]) -> Date? {
        guard bytes.count == 29 || bytes.count == 31, isDayName(bytes[0..<3]),
            bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
            bytes[16] == 0x20, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"),
            bytes[25] == 0x20,
            let day = number(bytes[5..<7]), let month = month(bytes[8..<11]),
            let year = number(bytes[12..<16]), let hour = number(bytes[17..<19]),
            let minute = number(bytes[20..<22]), let second = number(bytes[23..<25]),
            let offset = offset(bytes[26...]),
            // RFC822Reader takes years below 100 for two-digit ones.
            year >= 100
        else { return nil }
        return DateParser.instant(
            year: year, month: month, day: day, hour: hour, minute: minute,
            second: Double(second), offsetSeconds: offset)
    }

    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map {
        key(Array($0.utf8)[...])
    }
    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ].map { key(Array($0.utf8)[...]) }

    /// Three bytes, ASCII letters lowercased, as one number.
    private static func key(_ word: ArraySlice<UInt8>) -> UInt32 {
        word.reduce(0) { $0 << 8 | UInt32(DateParser.isLetter($1) ? $1 | 0x20 : $1) }
    }

    /// A day name says nothing to RFC822Reader; a month name there would.
    private static func isDayName(_ word: ArraySlice<UInt8>) -> Bool {
        dayNames.contains(key(word))
    }

    private static func month(_ word: ArraySlice<UInt8>) -> Int? {
        monthNames.firstIndex(of: key(word)).map { $0 + 1 }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.allSatisfy(DateParser.isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `GMT`, `UTC`, or `+hhmm` / `-hhmm` within the limits RFC822Reader sets.
    private static func offset(_ zone: ArraySlice<UInt8>) -> Int? {
        if zone.elementsEqual("GMT".utf8) || zone.elementsEqual("UTC".utf8) { return 0 }
        guard zone.count == 5, let sign = zone.first,
            sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let hours = number(zone.dropFirst().prefix(2)), let minutes = number(zone.suffix(2)),
            hours <= 14, minutes < 60
        else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
