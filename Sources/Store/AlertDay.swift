import FeedModel
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
        CivilDate(daysSince1970: day).text
    }

    /// The same day number computed by SQLite from a time column, which holds
    /// seconds since 2001-01-01 (Foundation's reference date). CAST truncates,
    /// which is the floor for every time after 1970.
    static func sql(time column: String) -> String {
        let offset = Date.timeIntervalBetween1970AndReferenceDate
        return "CAST((\(column) + \(offset)) / \(secondsPerDay) AS INTEGER)"
    }
}
