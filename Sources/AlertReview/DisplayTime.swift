import Foundation

/// Times as a person reads them, in the display zone (`--tz`); data
/// (`--json`, `--csv`) stays RFC 3339 UTC whatever the zone.
public struct DisplayTime: Sendable {
    public let zone: TimeZone
    private let calendar: Calendar

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    public static let utc = DisplayTime(zone: TimeZone(identifier: "UTC") ?? .current)

    /// `UTC`, or the zone's name and its offset now: `Asia/Kolkata (+05:30)`.
    public var label: String {
        if isUTC { return "UTC" }
        return "\(zone.identifier) (\(Self.offset(zone.secondsFromGMT())))"
    }

    /// `2026-11-24 10:35Z` in UTC, `2026-11-24 16:05+05:30` elsewhere: the
    /// minute with its zone, for lines read on their own.
    public func minute(_ date: Date) -> String {
        day(date) + " " + clock(date) + (isUTC ? "Z" : Self.offset(zone.secondsFromGMT(for: date)))
    }

    /// `2026-11-24 10:35`, for a column whose header names the zone.
    public func column(_ date: Date) -> String { day(date) + " " + clock(date) }

    /// `11-24 10:35`: a column of times within one year.
    public func shortColumn(_ date: Date) -> String {
        String(day(date).dropFirst(5)) + " " + clock(date)
    }

    /// The year of `date` in the zone.
    public func year(_ date: Date) -> Int { calendar.component(.year, from: date) }

    /// A zone always at offset zero (UTC, not London's winter).
    private var isUTC: Bool {
        zone.secondsFromGMT() == 0 && zone.nextDaylightSavingTimeTransition == nil
    }

    private func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private func clock(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `+05:30`, `-08:00`, `+00:00`.
    private static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }

    /// The zone `--tz` names: `local` (the machine's, from `TZ`), `UTC`, or an
    /// IANA name such as `Europe/Paris`; nil for anything else.
    public static func zone(named name: String) -> TimeZone? {
        switch name.lowercased() {
        case "local": return .current
        case "utc", "z", "gmt": return TimeZone(identifier: "UTC")
        default:
            // Foundation also takes abbreviations (EST) as identifiers: only
            // the names of its zone database are accepted.
            guard name.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(name) else {
                return nil
            }
            return TimeZone(identifier: name)
        }
    }
}
