import Foundation

/// A calendar day in a display zone, as the instants it runs between: what
/// `alerts stats` counts by. A day is not always 24 hours (23 or 25 across
/// a daylight-saving change) and does not start on a UTC hour in zones such
/// as Asia/Kathmandu (+05:45), so its ends come from the zone's calendar.
public struct ZoneDay: Sendable, Equatable {
    /// `yyyy-MM-dd` in the zone.
    public var text: String
    /// The day's first instant.
    public var start: Date
    /// The next day's first instant.
    public var end: Date

    public init(text: String, start: Date, end: Date) {
        self.text = text
        self.start = start
        self.end = end
    }

    /// The day `date` falls on in `zone`.
    public static func containing(_ date: Date, in zone: TimeZone) -> ZoneDay {
        let calendar = Self.calendar(zone)
        return day(startingAt: calendar.startOfDay(for: date), calendar: calendar)
    }

    /// The days of `zone` from the one holding `first` to the one holding
    /// `last`, in order.
    public static func days(from first: Date, through last: Date, in zone: TimeZone) -> [ZoneDay] {
        let calendar = Self.calendar(zone)
        var days: [ZoneDay] = []
        var start = calendar.startOfDay(for: first)
        while start <= last {
            let day = day(startingAt: start, calendar: calendar)
            days.append(day)
            start = day.end
        }
        return days
    }

    /// Whether `zone` is UTC's days: offset zero, now and always.
    public static func isUTC(_ zone: TimeZone) -> Bool {
        zone.secondsFromGMT() == 0 && zone.nextDaylightSavingTimeTransition == nil
    }

    /// The rows `(number, start, end)` of a SQL `VALUES` list of `days`, the
    /// ends in seconds since 2001 as the stores keep times, each followed by
    /// `typed` (a cast, for a backend that wants one). They are numbers made
    /// here, so writing them into the SQL is safe.
    public static func valuesRows(_ days: [ZoneDay], typed: String = "") -> String {
        days.enumerated().map { number, day in
            "(\(number), \(day.start.timeIntervalSinceReferenceDate)\(typed), "
                + "\(day.end.timeIntervalSinceReferenceDate)\(typed))"
        }.joined(separator: ", ")
    }

    /// Counts by day text from counts by row number of `days`, days without
    /// alerts left out.
    public static func countsByText(_ counts: [String: Int], of days: [ZoneDay]) -> [String: Int] {
        var byDay: [String: Int] = [:]
        for (number, count) in counts where count > 0 {
            guard let index = Int(number), days.indices.contains(index) else { continue }
            byDay[days[index].text, default: 0] += count
        }
        return byDay
    }

    private static func day(startingAt start: Date, calendar: Calendar) -> ZoneDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: start)
        let text = String(
            format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        // The start of the next calendar day; a day of at least an hour
        // whatever the calendar answers, so the walk always moves on.
        let next = calendar.date(byAdding: .day, value: 1, to: start).map(calendar.startOfDay)
        let end = max(next ?? start.addingTimeInterval(AlertDay.secondsPerDay), start + 3600)
        return ZoneDay(text: text, start: start, end: end)
    }

    private static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }
}
