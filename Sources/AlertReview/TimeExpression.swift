import Foundation

/// What `--since` and `--until` accept: a duration back from now, `today`,
/// `yesterday`, `now`, or an ISO 8601 date or date-time (`ISO8601Text`).
///
/// Each names a span of time, as precise as it is written: `--since` takes
/// its start and `--until` its end, so `--until 2026-12-03` includes that
/// whole day and `--until 06:45` the whole minute. A duration or `now` is an
/// instant. A date or time without a zone is in the display zone.
public enum TimeExpression {
    /// The forms, for a usage error.
    public static let acceptedForms = """
        a duration back from now (90m, 24h, 7d, 2w, 1h30m), today, yesterday, now, \
        or an ISO 8601 date or date-time: 2026-12-03, 20261203, 2026-337, 2026-W49-4, 2026-12, \
        2026-12-03T06:45, 2026-12-03T06:45:10, 2026-12-03T06:45:10.250, \
        with Z or an offset (+05:30, -0800) or without (the display zone)
        """

    /// The span `text` names, with durations counted back from `now` and
    /// dates without a zone in `zone`; nil when it is none of the forms.
    public static func interval(_ text: String, now: Date = Date(), zone: TimeZone)
        -> DateInterval?
    {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = duration(trimmed) {
            return DateInterval(start: now.addingTimeInterval(-seconds), duration: 0)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch trimmed.lowercased() {
        case "now":
            return DateInterval(start: now, duration: 0)
        case "today":
            return calendar.dateInterval(of: .day, for: now)
        case "yesterday":
            return calendar.date(byAdding: .day, value: -1, to: now).flatMap {
                calendar.dateInterval(of: .day, for: $0)
            }
        default:
            return ISO8601Text.interval(trimmed, zone: zone)
        }
    }

    /// The first instant `text` names (for `--since`).
    public static func start(_ text: String, now: Date = Date(), zone: TimeZone) -> Date? {
        interval(text, now: now, zone: zone)?.start
    }

    /// The instant just after the span `text` names (for `--until`, which
    /// includes the whole span).
    public static func end(_ text: String, now: Date = Date(), zone: TimeZone) -> Date? {
        interval(text, now: now, zone: zone)?.end
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
