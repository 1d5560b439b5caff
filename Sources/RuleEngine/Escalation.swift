import FeedModel

/// A rule's `escalate N sources within T`: when a story the rule alerted on
/// reaches `sources` distinct feeds within `within` seconds of its first
/// report, one escalation is raised, a severity higher.
public struct Escalation: Sendable, Equatable, Codable {
    public var sources: Int
    public var within: Double

    public init(sources: Int, within: Double) {
        self.sources = sources
        self.within = within
    }

    /// How the line is written back, for listings: `3 sources within 6h`.
    public var written: String {
        let units: [(String, Double)] = [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)]
        let unit = units.first {
            within >= $0.1 && within.truncatingRemainder(dividingBy: $0.1) == 0
        }
        let duration = unit.map { "\(Int(within / $0.1))\($0.0)" } ?? "\(Int(within))s"
        return "\(Counted.phrase(sources, "source")) within \(duration)"
    }

    /// Seconds of `text` such as `90s`, `30m`, `6h`, `2d`; nil when it is none or zero.
    static func duration(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()),
            count > 0
        else { return nil }
        return Double(count) * unit
    }
}
