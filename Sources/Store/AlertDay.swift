import FeedModel
import Foundation

/// The UTC calendar day of an alert, as a whole number of days since
/// 1970-01-01: stored beside the time so `alerts stats` groups by an indexed
/// integer instead of formatting a million dates.
public enum AlertDay {
    /// A UTC day, in seconds: Unix time has no leap seconds.
    public static let secondsPerDay = 86_400.0

    /// The zone whose days these are.
    public static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// The day `date` falls on, in UTC.
    public static func number(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / secondsPerDay).rounded(.down))
    }

    /// `yyyy-MM-dd` of a day number.
    public static func text(of day: Int) -> String {
        CivilDate(daysSince1970: day).text
    }
}
