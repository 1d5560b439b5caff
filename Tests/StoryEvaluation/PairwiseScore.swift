import FeedModel
import Foundation
import RuleEngine
import Stories

/// Pairwise precision and recall of a grouping against the labels: over all
/// pairs of reports, a pair put in one story is right when both tell the same
/// incident.
public struct PairwiseScore: Sendable, Equatable {
    public var truePairs = 0
    public var falsePairs = 0
    public var missedPairs = 0
    /// The wrongly joined and wrongly split pairs, by report id.
    public var merged: [(String, String)] = []
    public var split: [(String, String)] = []

    public var precision: Double {
        truePairs + falsePairs == 0 ? 1 : Double(truePairs) / Double(truePairs + falsePairs)
    }
    public var recall: Double {
        truePairs + missedPairs == 0 ? 1 : Double(truePairs) / Double(truePairs + missedPairs)
    }

    /// Scores `storyOf` (report id → story id) against the incidents of `reports`.
    public init(reports: [LabelledStorySet.Report], storyOf: [String: String]) {
        for (index, first) in reports.enumerated() {
            for second in reports[(index + 1)...] {
                let sameIncident = first.incident == second.incident
                let grouped =
                    storyOf[first.report] != nil && storyOf[first.report] == storyOf[second.report]
                switch (sameIncident, grouped) {
                case (true, true): truePairs += 1
                case (false, true):
                    falsePairs += 1
                    merged.append((first.report, second.report))
                case (true, false):
                    missedPairs += 1
                    split.append((first.report, second.report))
                case (false, false): break
                }
            }
        }
    }

    public static func == (lhs: PairwiseScore, rhs: PairwiseScore) -> Bool {
        (lhs.truePairs, lhs.falsePairs, lhs.missedPairs)
            == (rhs.truePairs, rhs.falsePairs, rhs.missedPairs)
    }
}

extension LabelledStorySet {
    /// Places every report, in arrival order, as the monitor would: the item
    /// as parsed, the rules' hits, the story index. Returns report id → story id.
    public func group(grouping: StoryGrouping = StoryGrouping()) -> [String: String] {
        group(storyReports(), grouping: grouping)
    }

    /// Each report as the story index receives it: the item as parsed, with
    /// the entities of the rules' hits.
    public func storyReports() -> [StoryReport] {
        reports.compactMap { report in
            guard let item = items[report.report] else { return nil }
            let hits = rules.evaluate(item, feed: FeedContext(name: report.feed, tags: []))
            return StoryIndex.report(
                item, of: report.feed, firing: hits, detected: report.published)
        }
    }

    /// Places `storyReports` in order in a new index. Returns report id → story id.
    public func group(_ storyReports: [StoryReport], grouping: StoryGrouping = StoryGrouping())
        -> [String: String]
    {
        var index = StoryIndex(grouping: grouping)
        var storyOf: [String: String] = [:]
        for report in storyReports { storyOf[report.id] = index.place(report).storyID }
        return storyOf
    }

    /// The pairwise score of `group(grouping:)`.
    public func score(grouping: StoryGrouping = StoryGrouping()) -> PairwiseScore {
        PairwiseScore(reports: reports, storyOf: group(grouping: grouping))
    }
}
