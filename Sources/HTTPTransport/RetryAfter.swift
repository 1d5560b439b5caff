import Foundation

/// The value of a `Retry-After` header: a number of seconds or an HTTP-date.
///
/// Pure: `parse` only reads the text, `delay(from:)` only compares dates.
public enum RetryAfter: Sendable, Equatable {
    case seconds(TimeInterval)
    case date(Date)

    /// Parses `120` or `Fri, 31 Dec 1999 23:59:59 GMT` (also the obsolete
    /// RFC 850 and asctime forms HTTP still allows); nil for anything else,
    /// including negative numbers.
    public static func parse(_ value: String) -> RetryAfter? {
        let text = value.trimmingHTTPWhitespace()
        guard !text.isEmpty else { return nil }
        if text.allSatisfy(\.isASCIIDigit) {
            // Huge digit strings overflow Int; treat them as "very long".
            return .seconds(TimeInterval(Int(text) ?? Int.max))
        }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return .date(date) }
        }
        return nil
    }

    /// Seconds to wait, counted from `now`; never negative.
    public func delay(from now: Date) -> TimeInterval {
        switch self {
        case .seconds(let seconds): max(0, seconds)
        case .date(let date): max(0, date.timeIntervalSince(now))
        }
    }

    /// Parses `value` and returns the delay from `now`; nil when it is not a valid Retry-After.
    public static func delay(_ value: String?, from now: Date) -> TimeInterval? {
        guard let value, let parsed = parse(value) else { return nil }
        return parsed.delay(from: now)
    }

    /// IMF-fixdate (preferred), RFC 850, asctime: RFC 9110 section 5.6.7.
    private static let httpDateFormats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ]
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
