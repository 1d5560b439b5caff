import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import TestHTTPServer
import Testing

@testable import Webhooks

/// Several rules firing on one item in one pass: each sink gets one message
/// naming them all, under one idempotency key, while the log keeps a record per rule.
@Suite struct OneMessagePerItemTests {
    let start = WebhookTestBench.start

    /// Two rules on one item and one on another, recorded as a pass records them.
    private func recordPass(
        _ bench: WebhookTestBench, sinks: [SinkConfiguration]
    ) throws -> (attack: Alert, claim: Alert, other: Alert, log: String) {
        let attack = sampleAlert(rule: "haqqani-attack", severity: .medium)
        let claim = sampleAlert(rule: "iskp-claim", severity: .critical)
        let other = sampleAlert(rule: "haqqani-attack", itemID: "item-2", severity: .low)
        let logPath = bench.folder.path("alerts.jsonl")
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: logPath), store: bench.store,
            composer: WebhookComposer(sinks: sinks))
        let names = ["log"] + sinks.map(\.name)
        try recorder.record(
            [attack, claim, other].map { AlertRecorder.Notified(alert: $0, sinks: names) },
            with: PassCommit(), now: start)
        return (attack, claim, other, logPath)
    }

    @Test func eachSinkGetsOneMessageNamingBothRulesAtTheHighestSeverity() throws {
        let bench = try WebhookTestBench()
        let sinks = [
            bench.sink("json-sink"), bench.sink("slack-sink", format: .slack),
            bench.sink("discord-sink", format: .discord),
        ]
        let pass = try recordPass(bench, sinks: sinks)

        let summary = bench.dispatcher(sinks).deliverDue(now: start)

        #expect(summary.sent == 6 && summary.pending == 0)
        let key = AlertMessage.key(alertIDs: [pass.attack.id, pass.claim.id])
        #expect(key != pass.attack.id && key != pass.claim.id)
        for sink in sinks {
            let requests = bench.server.requests(for: "/\(sink.name)")
            #expect(requests.count == 2)
            let grouped = try #require(
                requests.first { $0.header("Idempotency-Key") == key })
            let text = String(decoding: grouped.body, as: UTF8.self)
            #expect(text.contains("haqqani-attack") && text.contains("iskp-claim"))
            #expect(requests.contains { $0.header("Idempotency-Key") == pass.other.id })
        }
        // json: the highest-severity record, with every rule and the message's key.
        let json = try #require(
            bench.server.requests(for: "/json-sink").first { $0.header("Idempotency-Key") == key })
        let object = try #require(
            try JSONSerialization.jsonObject(with: json.body) as? [String: Any])
        #expect(object["severity"] as? String == "critical")
        #expect(object["rule"] as? String == "iskp-claim")
        #expect(object["message_id"] as? String == key)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.map { $0["rule"] as? String } == ["iskp-claim", "haqqani-attack"])
        #expect(rules.map { $0["alert_id"] as? String } == [pass.claim.id, pass.attack.id])
        // Existing receivers still read the record as an alert.
        #expect(try AlertLogFormat.makeDecoder().decode(Alert.self, from: json.body) == pass.claim)
        // The chat headline names both, at the highest severity.
        let slack = try #require(
            bench.server.requests(for: "/slack-sink").first { $0.header("Idempotency-Key") == key })
        let slackMessage = try #require(
            try JSONSerialization.jsonObject(with: slack.body) as? [String: Any])
        #expect(
            (slackMessage["text"] as? String)?.hasPrefix("[CRITICAL] iskp-claim, haqqani-attack:")
                == true)

        // The log keeps one record per rule; each alert finds its delivery.
        let logged = try AlertLogReader(path: pass.log).readAll().alerts
        #expect(logged.map(\.rule) == ["haqqani-attack", "iskp-claim", "haqqani-attack"])
        for alert in [pass.attack, pass.claim] {
            let deliveries = try bench.store.deliveries(alertID: alert.id)
            #expect(deliveries.count == 3 && deliveries.allSatisfy { $0.alertID == key })
        }
    }

    @Test func aRetryAfterA500SendsTheSameMessageUnderTheSameKey() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let script = ResponseScript([.status(500), .status(200)])
        bench.server.route("/ops") { _ in script.next() }
        let pass = try recordPass(bench, sinks: [sink])
        let key = AlertMessage.key(alertIDs: [pass.attack.id, pass.claim.id])

        let first = bench.dispatcher([sink]).deliverDue(now: start)
        #expect(first.failed == 1 && first.pending == 2)
        // A restart in between: a new store and dispatcher on the same file.
        try bench.reopenStore()
        let done = bench.dispatcher([sink]).deliverDue(now: start.addingTimeInterval(3600))
        #expect(done.sent == 2 && done.pending == 0)

        let grouped = bench.server.requests(for: "/ops").filter {
            $0.header("Idempotency-Key") == key
        }
        #expect(grouped.count == 2)
        #expect(Set(grouped.map(\.body)).count == 1)
        let delivery = try #require(try bench.store.deliveries(alertID: pass.claim.id).first)
        #expect(delivery.status == .delivered && delivery.attempts == 2)
    }

    @Test func recoveringAnInterruptedPassGroupsTheSameWay() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let attack = sampleAlert(rule: "haqqani-attack")
        let claim = sampleAlert(rule: "iskp-claim", severity: .critical)
        let log = try AlertLogWriter(path: bench.folder.path("alerts.jsonl"))
        // Written, then a crash before the store transaction.
        try log.append([attack, claim])
        let recorder = AlertRecorder(
            log: log, store: bench.store, composer: WebhookComposer(sinks: [sink]))

        // A state in use whose first alerts were cut off: owed to the sinks.
        let caughtUp = try recorder.catchUp(sinks: { _ in ["ops"] }, stateIsNew: false, now: start)
        #expect(caughtUp.kind == .recovered && caughtUp.indexed == 2 && caughtUp.queued == 1)

        let deliveries = try bench.store.deliveries(alertID: attack.id)
        #expect(deliveries.map(\.alertID) == [AlertMessage.key(alertIDs: [attack.id, claim.id])])
    }
}
