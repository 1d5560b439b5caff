import Foundation

/// An ISO 8601 date or date-time as a person types it, read as the span of
/// time it names: `2026-12-03` is that whole day, `2026-12-03T06:45` that
/// minute, `2026-12-03T06:45:10.5Z` that tenth of a second.
///
/// Dates: calendar (`2026-12-03`, `20261203`), ordinal (`2026-337`,
/// `2026337`), week (`2026-W49-4`, `2026W494`, or the whole week `2026-W49`)
/// and a whole month (`2026-12`). Times, after `T` or one space: `06`,
/// `06:45`, `06:45:10`, `06:45:10.250` (or `,250`), and the basic `0645`,
/// `064510`; then `Z`, an offset (`+05:30`, `+0530`, `-08`) or nothing,
/// which means `zone`.
enum ISO8601Text {
    /// The span `text` names, or nil when it is not one of the forms above
    /// or names no real day or time (`2026-02-30`, `25:00`).
    static func interval(_ text: String, zone: TimeZone) -> DateInterval? {
        let (datePart, timePart) = split(text)
        if let timePart {
            guard let day = day(datePart), case .day = day.length,
                let time = time(timePart)
            else { return nil }
            return instantSpan(day: day, time: time, zone: time.zone ?? zone)
        }
        guard let day = day(datePart) else { return nil }
        return daySpan(day, zone: zone)
    }

    /// The date and the time of day, split at `T` (any case) or one space.
    private static func split(_ text: String) -> (date: String, time: String?) {
        if let separator = text.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) {
            return (
                String(text[..<separator]), String(text[text.index(after: separator)...])
            )
        }
        return (text, nil)
    }

    /// A day, week or month as written, before it is placed in a zone.
    struct Day {
        enum Length { case day, week, month }
        var components: DateComponents
        var calendar: Calendar.Identifier
        var length: Length
        /// The day of the year of an ordinal date (`2026-337`), counted from 1.
        var dayOfYear: Int?
    }

    /// The date forms; nil for anything else.
    static func day(_ text: String) -> Day? {
        let calendarDate = /(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2})/
        let ordinalDate = /(\d{4})-?(\d{3})/
        let weekDate = /(\d{4})-W(\d{2})-(\d)|(\d{4})W(\d{2})(\d)?/
        let weekOnly = /(\d{4})-W(\d{2})/
        let month = /(\d{4})-(\d{2})/
        if let match = text.wholeMatch(of: calendarDate) {
            let year = match.1 ?? match.4
            let month = match.2 ?? match.5
            let day = match.3 ?? match.6
            return Day(
                components: DateComponents(
                    year: number(year), month: number(month), day: number(day)),
                calendar: .gregorian, length: .day)
        }
        if let match = text.wholeMatch(of: ordinalDate) {
            return Day(
                components: DateComponents(year: number(match.1)), calendar: .gregorian,
                length: .day, dayOfYear: number(match.2))
        }
        if let match = text.wholeMatch(of: weekDate) {
            let year = number(match.1 ?? match.4)
            let week = number(match.2 ?? match.5)
            let weekday = number(match.3 ?? match.6)
            if let weekday, !(1...7).contains(weekday) { return nil }
            var components = DateComponents(weekOfYear: week, yearForWeekOfYear: year)
            // ISO numbers Monday 1 … Sunday 7; Foundation Sunday 1 … Saturday 7.
            components.weekday = weekday.map { $0 % 7 + 1 } ?? 2
            return Day(
                components: components, calendar: .iso8601, length: weekday == nil ? .week : .day)
        }
        if let match = text.wholeMatch(of: weekOnly) {
            var components = DateComponents(
                weekOfYear: number(match.2), yearForWeekOfYear: number(match.1))
            components.weekday = 2
            return Day(components: components, calendar: .iso8601, length: .week)
        }
        if let match = text.wholeMatch(of: month) {
            return Day(
                components: DateComponents(year: number(match.1), month: number(match.2), day: 1),
                calendar: .gregorian, length: .month)
        }
        return nil
    }

    /// A time of day as written: its fields, how long a span its last digit
    /// covers, and its zone when it names one.
    struct Time {
        var hour: Int
        var minute: Int
        var second: Int
        var fraction: Double
        var precision: TimeInterval
        var zone: TimeZone?
    }

    /// The time forms; nil for anything else.
    static func time(_ text: String) -> Time? {
        let pattern =
            /(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        // `06:4510` mixes the extended and basic forms: ISO 8601 allows neither.
        let clock = text.prefix { $0 != "Z" && $0 != "z" && $0 != "+" && $0 != "-" }
        let colons = clock.filter { $0 == ":" }.count
        let fields = [match.2, match.3].compactMap { $0 }.count
        guard colons == 0 || colons == fields else { return nil }
        guard let hour = number(match.1), hour < 24 else { return nil }
        let minute = number(match.2) ?? 0
        let second = number(match.3) ?? 0
        guard minute < 60, second < 60 else { return nil }
        var precision: TimeInterval = match.2 == nil ? 3600 : match.3 == nil ? 60 : 1
        var fraction = 0.0
        if let digits = match.4 {
            fraction = Double("0." + digits) ?? 0
            precision = pow(10, -Double(digits.count))
        }
        var zone: TimeZone?
        if let designator = match.5 {
            guard let parsed = offsetZone(String(designator)) else { return nil }
            zone = parsed
        }
        return Time(
            hour: hour, minute: minute, second: second, fraction: fraction,
            precision: precision, zone: zone)
    }

    /// `Z`, `+05:30`, `+0530` or `-08` as a fixed zone.
    private static func offsetZone(_ text: String) -> TimeZone? {
        if text == "Z" || text == "z" { return TimeZone(identifier: "UTC") }
        let sign = text.hasPrefix("-") ? -1 : 1
        let digits = text.dropFirst().filter { $0 != ":" }
        guard let hours = Int(digits.prefix(2)), hours <= 23 else { return nil }
        let minutes = digits.count > 2 ? Int(digits.dropFirst(2)) ?? 60 : 0
        guard minutes < 60 else { return nil }
        return TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60))
    }

    /// The whole day, week or month, from midnight to midnight in `zone`.
    private static func daySpan(_ day: Day, zone: TimeZone) -> DateInterval? {
        guard let start = start(of: day, zone: zone) else { return nil }
        var calendar = Calendar(identifier: day.calendar)
        calendar.timeZone = zone
        let unit: Calendar.Component =
            switch day.length {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        guard let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
        return DateInterval(start: start, end: end)
    }

    /// The span of the time's last digit, on `day`, in `zone`.
    private static func instantSpan(day: Day, time: Time, zone: TimeZone) -> DateInterval? {
        var components = day.components
        if day.dayOfYear != nil {
            // An ordinal date is placed by its start; the time is added to that midnight.
            guard let midnight = start(of: day, zone: zone) else { return nil }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard
                let whole = calendar.date(
                    bySettingHour: time.hour, minute: time.minute, second: time.second,
                    of: midnight)
            else { return nil }
            return DateInterval(
                start: whole.addingTimeInterval(time.fraction), duration: time.precision)
        }
        components.hour = time.hour
        components.minute = time.minute
        components.second = time.second
        var calendar = Calendar(identifier: day.calendar)
        calendar.timeZone = zone
        guard start(of: day, zone: zone) != nil,
            let whole = calendar.date(from: components)
        else { return nil }
        let start = whole.addingTimeInterval(time.fraction)
        return DateInterval(start: start, duration: time.precision)
    }

    /// Midnight at the start of `day` in `zone`; nil when the fields name no
    /// real day (`2026-02-30`, day 367, week 54).
    private static func start(of day: Day, zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: day.calendar)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        let fields = day.components
        if let month = fields.month, !(1...12).contains(month) { return nil }
        if let dayOfYear = day.dayOfYear {
            guard let year = fields.year, dayOfYear >= 1,
                let january = calendar.date(from: DateComponents(year: year, month: 1, day: 1)),
                let date = calendar.date(byAdding: .day, value: dayOfYear - 1, to: january),
                calendar.component(.year, from: date) == year
            else { return nil }
            return date
        }
        guard let date = calendar.date(from: fields) else { return nil }
        // Foundation rolls 30 February over into March: a date that does not
        // read back as written names no real day.
        let check: Set<Calendar.Component> =
            fields.weekOfYear != nil
            ? [.weekOfYear, .yearForWeekOfYear] : [.year, .month, .day]
        let back = calendar.dateComponents(check, from: date)
        if fields.weekOfYear != nil {
            guard back.weekOfYear == fields.weekOfYear,
                back.yearForWeekOfYear == fields.yearForWeekOfYear
            else { return nil }
        } else if back.year != fields.year || back.month != fields.month || back.day != fields.day {
            return nil
        }
        return date
    }

    private static func number(_ digits: Substring?) -> Int? {
        digits.flatMap { Int($0) }
    }
}
