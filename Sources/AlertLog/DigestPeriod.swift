import Foundation

/// Digest periods are aligned to the Unix epoch (`digest = 1h` ends on the
/// hour), so a restarted monitor puts a message in the same digest as the
/// one it replaced would have.
public enum DigestPeriod {
    /// The end of the period of length `period` that `time` falls in.
    public static func end(containing time: Date, period: TimeInterval) -> Date {
        let seconds = time.timeIntervalSince1970
        return Date(timeIntervalSince1970: ((seconds / period).rounded(.down) + 1) * period)
    }
}
