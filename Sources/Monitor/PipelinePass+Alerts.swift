import AlertLog
import FeedModel
import Foundation
import RuleEngine
import Stories

/// Raising alerts: the records a pass's firings make, each placed in its
/// story, raised or folded, and the escalations they tip.
extension PipelinePass {
    /// The records that `hits` on `item` make, added to `processed`: the
    /// item placed in its story, each firing raised or folded into a story
    /// its rule alerted on, and the escalations the report tipped; a record
    /// whose id is in `recorded` is noted as recorded before, not made again.
    /// Live passes and `replay --raise` alike make their alerts here.
    func addAlerts(
        firing hits: [RuleHit], on item: Item, of feed: String, recorded: Set<String>, now: Date,
        into processed: inout ProcessedFeed
    ) throws {
        let placement = stories.place(item, of: feed, firing: hits, at: now)
        for hit in hits {
            // Every firing is recorded with its story: one the rule already
            // alerted on takes it as a folded report, sent to no sink.
            let raised = stories.shouldAlert(
                rule: hit.rule, placement: placement, notifyEach: hit.notifyEach)
            let alert = AlertBuilder.alert(
                for: hit, item: item, feed: feed, story: placement.storyID,
                sources: stories.sources(of: placement.storyID), time: now,
                kind: raised ? .alert : .report)
            // The rule has alerted on this story, now or before (a pass
            // retried after its log failed finds the alert recorded).
            if raised { stories.recordAlert(rule: hit.rule, storyID: placement.storyID) }
            // A changed item that fires the same rule again is the same record.
            guard !recorded.contains(alert.id) else {
                processed.recordedBefore.append(alert)
                continue
            }
            if let truncated = alert.truncated {
                logger.warning(
                    "feed \(feed), item \(item.id): the alert of rule \(hit.rule): \(truncated)")
            }
            if !raised { processed.joinedStories += 1 }
            processed.alerts.append(
                AlertRecorder.Notified(alert: alert, sinks: raised ? hit.notify : []))
        }
        processed.alerts += try escalations(
            of: placement, tippedBy: item, firing: hits, of: feed, now: now)
    }

    /// The escalations a report tipped: one per rule whose `escalate` its
    /// story now meets, never twice for one story and rule (the story
    /// remembers them, and the id is stable should a crash repeat the pass).
    private func escalations(
        of placement: StoryIndex.Placement, tippedBy item: Item, firing hits: [RuleHit],
        of feed: String, now: Date
    ) throws -> [AlertRecorder.Notified] {
        guard !escalatingRules.isEmpty else { return [] }
        let storyID = placement.storyID
        let tipped = stories.escalations(
            of: storyID, at: placement.time,
            rules: escalatingRules.compactMapValues(\.escalation))
        guard !tipped.isEmpty, let story = stories.story(storyID) else { return [] }
        let notified: [AlertRecorder.Notified] = tipped.compactMap { ruleID in
            guard let rule = escalatingRules[ruleID] else { return nil }
            let hit =
                hits.first { $0.rule == ruleID }
                ?? RuleHit(
                    rule: ruleID, title: rule.title, severity: rule.severity, matches: [],
                    entities: [], notify: rule.notify, notifyEach: rule.notifyEach)
            var alert = AlertBuilder.alert(
                for: hit, item: item, feed: feed, story: storyID, sources: story.sources,
                time: now, kind: .escalation)
            alert.id = AlertID.make(rule: ruleID, feed: "escalation", itemID: storyID)
            alert.severity = rule.severity.raised
            alert.entities = story.entities.sorted()
            return AlertRecorder.Notified(alert: alert, sinks: rule.notify)
        }
        let recorded = try recorder.recordedAlertIDs(among: notified.map(\.alert.id))
        return notified.filter { !recorded.contains($0.alert.id) }
    }
}
