import Configuration
import FeedModel
import Foundation
import Store
import Stories

/// Retention as feeds.conf sets it: how long each kind of state is kept,
/// and when retention is due. `run` applies it daily, a little after each
/// pass until done; `poll` when it is due; `feedwatch state prune` at once.
///
/// The alert index is kept whole: it is how the review finds alerts in the
/// log, which is never pruned, and the ids in it are what keeps an item that
/// comes back after it was forgotten from alerting a second time.
public struct StateRetention: Sendable {
    /// How often retention runs.
    public static let interval: TimeInterval = 86_400
    /// How long delivered and dead webhook deliveries are kept, for `feedwatch sinks` and `alerts show`.
    public static let finishedDeliveries: TimeInterval = 30 * 86_400

    /// How long item texts are kept (`archive`).
    public var archive: TimeInterval
    /// How long a seen item absent from its feed is remembered (`forget`).
    public var forget: TimeInterval
    /// Stories are kept while a report may still join them.
    public var stories: TimeInterval

    public init(settings: MonitorSection) {
        archive = settings.archive
        forget = settings.forget
        stories = StoryGrouping().window
    }

    /// What is past keeping at `now`.
    public func cutoffs(now: Date) -> RetentionCutoffs {
        RetentionCutoffs(
            archiveBefore: now.addingTimeInterval(-archive),
            forgetAbsentBefore: now.addingTimeInterval(-forget),
            storiesBefore: now.addingTimeInterval(-stories),
            finishedDeliveriesBefore: now.addingTimeInterval(-Self.finishedDeliveries))
    }

    /// Whether retention is due: it never ran, or ran a day or more before
    /// `now` (or, the clock having been set back, after it).
    public static func isDue(lastPrune: Date?, now: Date) -> Bool {
        guard let lastPrune else { return true }
        return abs(now.timeIntervalSince(lastPrune)) >= interval
    }

    /// Applies retention at `now` when it is due, removing at most about
    /// `rowLimit` rows (nil: everything due). Nil when it was not due; a
    /// result that is not `complete` is taken up again by the next call.
    public func applyIfDue(to store: any StatePruning, now: Date, rowLimit: Int? = nil)
        throws(StoreError) -> PruneResult?
    {
        guard Self.isDue(lastPrune: try store.lastPruneTime(), now: now) else { return nil }
        return try store.prune(cutoffs(now: now), at: now, rowLimit: rowLimit)
    }

    /// One line on what a prune removed, for the log and `state prune`.
    public func summary(of result: PruneResult) -> String {
        let days = { (seconds: TimeInterval) in DurationParser.text(seconds) }
        return
            "retention removed \(Counted.phrase(result.seenItems, "seen item")) absent from their feeds for \(days(forget)), "
            + "\(Counted.phrase(result.archivedItems, "archived item text")) older than \(days(archive)), "
            + "\(Counted.phrase(result.stories, "story")) older than \(days(stories)), "
            + "\(Counted.phrase(result.deliveries, "delivered or dead delivery", plural: "delivered or dead deliveries")) older than \(days(Self.finishedDeliveries))"
    }
}
