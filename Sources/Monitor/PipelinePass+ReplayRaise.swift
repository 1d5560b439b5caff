import AlertLog
import FeedModel
import Foundation
import Store
import Webhooks

/// `feedwatch replay --raise`: the firings a replay found that no alert
/// records, raised as the live path raises them.
extension PipelinePass {
    /// What raising a replay's firings came to.
    public struct ReplayRaise {
        /// The records written, as logged: raised alerts, escalations, and
        /// firings folded into a story their rule had alerted on.
        public var logged: [Alert] = []
        /// Messages sent to sinks, and problems met sending them.
        public var delivery = DeliverySummary()

        /// Alerts and escalations raised.
        public var raised: Int { logged.filter(\.kind.isRaised).count }
        /// Firings recorded as folded reports, raised to no sink.
        public var folded: Int { logged.count - raised }
    }

    /// Raises the firings of `results` that no alert records yet, through
    /// the live path: the same alert ids, story placement, folding,
    /// escalations, mutes, evidence copies (from the archived text) and one
    /// message per item and sink, one commit per feed. Raising the same
    /// results again raises nothing. With `notify` false every record goes
    /// to the log alone and nothing is sent.
    public func raise(_ results: [RuleReplay.Result], notify: Bool, now: Date = Date()) throws
        -> ReplayRaise
    {
        loadStories(now: now)
        var outcome = ReplayRaise()
        var feedOrder: [String] = []
        var resultsOfFeed: [String: [RuleReplay.Result]] = [:]
        for result in results {
            if resultsOfFeed[result.feed] == nil { feedOrder.append(result.feed) }
            resultsOfFeed[result.feed, default: []].append(result)
        }
        for feed in feedOrder {
            let results = resultsOfFeed[feed] ?? []
            let recorded = try recorder.recordedAlertIDs(
                among: results.flatMap { result in result.hits.map(result.alertID(of:)) })
            var processed = ProcessedFeed()
            defer { releaseStoryPlacement() }
            try holdStoryPlacement(now: now)
            for result in results {
                try addAlerts(
                    firing: result.hits, on: result.item, of: feed, recorded: recorded, now: now,
                    into: &processed)
            }
            if !notify {
                processed.alerts = processed.alerts.map {
                    AlertRecorder.Notified(alert: $0.alert, sinks: [])
                }
            }
            let changedStories = stories.unsavedStories
            outcome.logged += try recorder.record(
                processed.alerts, with: PassCommit(stories: changedStories), now: now,
                recordedBefore: processed.recordedBefore, readItems: results.map(\.item))
            stories.markSaved(changedStories)
        }
        if notify, !outcome.logged.isEmpty {
            outcome.delivery = webhooks.deliverDue(now: Date())
        }
        return outcome
    }
}
