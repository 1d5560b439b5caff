import AlertLog
import FeedModel
import Foundation
import RuleEngine
import SQLiteStore
import Store

/// An alert as the monitor would record it for a report of the Kabul bombing;
/// every field a test may vary has a default.
public func sampleAlert(
    rule: String = "haqqani-attack", feed: String = "herald", itemID: String = "item-1",
    severity: Severity = .high, time: Date = Date(timeIntervalSince1970: 1_795_000_000),
    title: String = "Khalil Haqqani killed in Kabul blast", entities: [String] = ["khalil-haqqani"]
) -> Alert {
    let hit = RuleHit(
        rule: rule, title: "Attack", severity: severity,
        matches: [TermMatch(term: "@khalil-haqqani", field: .title, text: "Khalil Haqqani")],
        entities: entities, notify: ["log"], notifyEach: false)
    let item = Item(
        id: itemID, title: title, link: "https://example.org/\(itemID)?a=1&b=2",
        text: ItemText(title: title, summary: "At least five people died, officials said."))
    return AlertBuilder.alert(
        for: hit, item: item, feed: feed, story: "s-1", sources: 1, time: time)
}

/// Thirty alerts of two rules, two feeds and two severities, an hour apart,
/// written through a recorder as the monitor writes them: `alerts.jsonl`
/// (rotated every `rotationSize` bytes) and its index in `state.db`.
public enum SampleLog {
    public static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// Titles with the characters SQL patterns treat as wildcards.
    static let titles = [
        7: "Blast at 100% of the ministry", 11: "Kabul [update]: 3* dead? Ünal says",
    ]

    /// Writes the log in `folder` and returns its alerts, oldest first.
    public static func write(in folder: TemporaryFolder, rotationSize: Int = 4000) throws
        -> [Alert]
    {
        let store = try SQLiteStateStore(path: folder.path("state.db"))
        let log = try AlertLogWriter(path: folder.path("alerts.jsonl"), rotationSize: rotationSize)
        let recorder = AlertRecorder(log: log, store: store, composer: NoDeliveries())
        var written: [Alert] = []
        for index in 0..<30 {
            let alert = sampleAlert(
                rule: index % 3 == 0 ? "iskp-claim" : "haqqani-attack",
                feed: index % 2 == 0 ? "herald" : "wire", itemID: "item-\(index)",
                severity: index % 5 == 0 ? .critical : .medium,
                time: start.addingTimeInterval(Double(index) * 3600),
                title: titles[index] ?? "Report \(index)",
                entities: index % 4 == 0 ? ["iskp", "khalil-haqqani"] : ["khalil-haqqani"])
            written.append(alert)
            try recorder.record(
                [AlertRecorder.Notified(alert: alert, sinks: ["log"])],
                with: PassCommit(feed: alert.feed), now: alert.time)
        }
        return written
    }
}
