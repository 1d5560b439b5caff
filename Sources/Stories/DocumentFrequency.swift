import Foundation

/// How many recent reports hold each term: rare terms (a place, a name, an
/// unusual weapon) are strong evidence that two reports tell one incident,
/// terms every report holds are none.
///
/// The population is the reports the stories of the window keep (their
/// members), plus each new report as it is placed: the table needs no storage
/// of its own and is the same after a restart.
public struct DocumentFrequency: Sendable, Equatable {
    public private(set) var reports = 0
    private var counts: [String: Int] = [:]

    public init() {}

    /// Counts a report's terms, each once.
    public mutating func add<Terms: Sequence<String>>(terms: Terms) {
        reports += 1
        for term in terms { counts[term, default: 0] += 1 }
    }

    /// Smoothed inverse document frequency: ln((N + 1) / (df + 1)) + 1.
    public func inverse(of term: String) -> Double {
        log(Double(reports + 1) / Double(counts[term, default: 0] + 1)) + 1
    }
}
