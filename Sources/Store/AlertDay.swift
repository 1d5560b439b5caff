import Foundation

/// The UTC calendar day of an alert, as a whole number of days since
/// 1970-01-01: stored beside the time so `alerts stats` groups by an indexed
/// integer instead of formatting a million dates.
public enum AlertDay {
    private static let secondsPerDay = 86_400.0

    /// The day `date` falls on, in UTC.
    public static func number(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / secondsPerDay).rounded(.down))
    }

    /// `yyyy-MM-dd` of a day number.
    public static func text(of day: Int) -> String {
        // Civil-from-days (Howard Hinnant): exact for the proleptic Gregorian
        // calendar without a Calendar and time zone per row.
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
    }

    /// The same day number computed by SQLite from a time column, which holds
    /// seconds since 2001-01-01 (Foundation's reference date). CAST truncates,
    /// which is the floor for every time after 1970.
    static func sql(time column: String) -> String {
        let offset = Date.timeIntervalBetween1970AndReferenceDate
        return "CAST((\(column) + \(offset)) / \(secondsPerDay) AS INTEGER)"
    }
}
