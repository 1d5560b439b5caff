import AlertLog
import Configuration
import Foundation
import RuleEngine
import Store

/// Feed-health alerts: an analyst must learn that a source went dark.
///
/// A feed failing, or bringing nothing new, for longer than `stale-after`
/// raises one `feed-health` alert through the `health-notify` sinks (the
/// feed's own, else `[monitor]`'s; none at all when they are `off`); when it
/// works again, a recovery record follows. Each episode has a stable id (the
/// time it went dark), so a restart never raises it twice.
struct FeedHealthAlerts {
    static let rule = "feed-health"

    let configuration: ConfigurationFile

    /// The alerts `states` call for now, with the states updated to remember them.
    func check(_ states: [FeedState], now: Date) -> (
        alerts: [AlertRecorder.Notified], states: [FeedState]
    ) {
        let configured = Dictionary(
            configuration.feeds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var alerts: [AlertRecorder.Notified] = []
        var changed: [FeedState] = []
        for var state in states {
            guard let feed = configured[state.name], state.url == feed.url.absoluteString else {
                continue
            }
            let sinks = feed.effectiveHealthNotify(configuration.settings)
            // `health-notify = off`: the feed's health is shown by `feeds`, never alerted.
            guard !sinks.isEmpty else { continue }
            let health = FeedHealth(
                feed: feed, state: state,
                staleAfter: feed.effectiveStaleAfter(configuration.settings), now: now)
            switch (health.status, state.healthAlertSince) {
            case (.dark, nil):
                state.healthAlertSince = now
                alerts.append(notified(darkAlert(health, since: now, now: now), to: sinks))
                changed.append(state)
            case (.ok, let since?), (.moved, let since?):
                state.healthAlertSince = nil
                alerts.append(
                    notified(recoveryAlert(health, darkSince: since, now: now), to: sinks))
                changed.append(state)
            default:
                break
            }
        }
        return (alerts, changed)
    }

    private func notified(_ alert: Alert, to sinks: [String]) -> AlertRecorder.Notified {
        AlertRecorder.Notified(alert: alert, sinks: sinks)
    }

    private func darkAlert(_ health: FeedHealth, since: Date, now: Date) -> Alert {
        let reason: String
        if let error = health.lastError, health.failures > 0 {
            reason = "failing since \(Self.describe(health.failingSince)): \(error)"
        } else {
            reason = "nothing new since \(Self.describe(health.lastNewItem ?? health.lastSuccess))"
        }
        return record(
            health, episode: since, kind: "dark",
            severity: Severity(rawValue: configuration.settings.healthSeverity) ?? .medium,
            title: "Feed \(health.name) has gone dark", snippet: reason, now: now)
    }

    private func recoveryAlert(_ health: FeedHealth, darkSince: Date, now: Date) -> Alert {
        record(
            health, episode: darkSince, kind: "recovered", severity: .info,
            title: "Feed \(health.name) is back",
            snippet: "working again after being dark since \(Self.describe(darkSince))", now: now)
    }

    private func record(
        _ health: FeedHealth, episode: Date, kind: String, severity: Severity, title: String,
        snippet: String, now: Date
    ) -> Alert {
        let itemID = "\(kind)-\(Int(episode.timeIntervalSince1970))"
        return Alert(
            id: AlertID.make(rule: Self.rule, feed: health.name, itemID: itemID), kind: .feedHealth,
            time: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
            rule: Self.rule, severity: severity, feed: health.name,
            item: AlertItem(id: itemID, title: title, link: health.url, published: nil),
            matches: [], entities: [], snippet: snippet, story: "feed-health-\(health.name)",
            sources: 1)
    }

    private static func describe(_ date: Date?) -> String {
        date.map { ISO8601DateFormatter().string(from: $0) } ?? "the first poll"
    }
}
