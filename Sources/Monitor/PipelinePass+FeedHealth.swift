import FeedModel
import Foundation
import Store

/// Feed health: what each poll leaves in a feed's state, and the alerts for
/// feeds that went dark or came back.
extension PipelinePass {
    /// Raises feed-health alerts for feeds that went dark or came back: all
    /// of them, or only `feeds` (a monitor sharing the state looks after those
    /// it polled, so two monitors never raise one feed's alert each).
    func checkHealth(now: Date, summary: inout PassSummary, ofFeeds feeds: Set<String>? = nil) {
        do {
            var states = try store.allFeedStates()
            if let feeds { states.removeAll { !feeds.contains($0.name) } }
            let (alerts, changed) = FeedHealthAlerts(configuration: configuration).check(
                states, now: now)
            guard !alerts.isEmpty else { return }
            let recorded = try recorder.recordedAlertIDs(among: alerts.map(\.alert.id))
            let fresh = alerts.filter { !recorded.contains($0.alert.id) }
            // The states remember the alerts raised: stored with them or not at all.
            let logged = try recorder.record(fresh, with: PassCommit(feedStates: changed), now: now)
            summary.alerts += fresh.count
            logged.forEach(onAlert)
        } catch {
            summary.problems.append("feed health: \(error)")
        }
    }

    func recordSuccess(_ state: inout FeedState, now: Date, interval: TimeInterval) {
        state.lastSuccess = now
        state.lastError = nil
        state.consecutiveFailures = 0
        state.failingSince = nil
        state.nextPoll = PollSchedule.nextPoll(after: now, interval: interval, feedName: state.name)
    }

    func recordFailure(
        _ state: inout FeedState, _ message: String, now: Date, interval: TimeInterval,
        retryAfter: TimeInterval?
    ) {
        // Kept in the state and shown by `feeds`: any URL in it loses its credentials.
        let message = ShownURL.redactingURLs(in: message)
        state.lastError = message
        state.consecutiveFailures += 1
        if state.failingSince == nil { state.failingSince = now }
        state.nextPoll = PollSchedule.retry(
            after: now, interval: interval, failures: state.consecutiveFailures,
            retryAfter: retryAfter)
    }
}
