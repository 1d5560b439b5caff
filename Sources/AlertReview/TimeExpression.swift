import Foundation

/// `--since 24h`, `--since 7d`, or an ISO 8601 date or instant.
public enum RelativeTime {
    /// The instant `text` names, counting durations back from `now`; nil when unreadable.
    public static func parse(_ text: String, now: Date = Date()) -> Date? {
        if let seconds = duration(text) { return now.addingTimeInterval(-seconds) }
        let instant = ISO8601DateFormatter()
        if let date = instant.date(from: text) { return date }
        instant.formatOptions = [.withFullDate]
        return instant.date(from: text)
    }

    /// Seconds in `90s`, `10m`, `2h`, `7d`, `2w`, or combinations like `1h30m`.
    public static func duration(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = [
            "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604_800,
        ]
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        return sawUnit && digits.isEmpty ? total : nil
    }
}
