import Foundation

/// Durations as feeds.conf writes them: `90s`, `10m`, `2h`, `1d`, `1w`, `500ms`,
/// and combinations such as `1h30m` or `1h 30m`. A bare number is refused:
/// `10` could mean seconds or minutes, and guessing wrong polls a server 60 times too often.
public enum DurationParser {
    private static let secondsPerUnit: [String: Double] = [
        "ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800,
    ]

    /// Seconds, or nil when `text` is not a duration.
    public static func parse(_ text: String) -> TimeInterval? {
        let compact = text.lowercased().filter { !$0.isWhitespace }
        guard !compact.isEmpty else { return nil }
        var total = 0.0
        var remainder = Substring(compact)
        while !remainder.isEmpty {
            let number = remainder.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            remainder = remainder.dropFirst(number.count)
            let unit = remainder.prefix { $0.isASCII && $0.isLetter }
            remainder = remainder.dropFirst(unit.count)
            guard let value = Double(number), let scale = secondsPerUnit[String(unit)] else {
                return nil
            }
            total += value * scale
        }
        return total.isFinite ? total : nil
    }

    /// A duration as feeds.conf would write it: whole days, hours,
    /// minutes and seconds, largest first (`30d`, `1h30m`); what is below a second is dropped.
    public static func text(_ seconds: TimeInterval) -> String {
        var remaining = Int(seconds.rounded(.down))
        guard remaining > 0 else { return "0s" }
        var text = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        where remaining >= size {
            text += "\(remaining / size)\(unit)"
            remaining %= size
        }
        return text
    }

    /// The examples an error message shows.
    static let examples = "90s, 10m, 2h, 1d or 1h30m"
}
