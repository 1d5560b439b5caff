import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Webhooks

/// `digest = 1h`: a sink's messages are held in the state and sent as one
/// per period, across restarts, never lost and never twice.
@Suite struct DigestTests {
    let start = WebhookTestBench.start
    /// The end of the hour `start` falls in.
    var periodEnd: Date { DigestPeriod.end(containing: start, period: 3600) }

    private func record(
        _ alerts: [Alert], bench: WebhookTestBench, sink: SinkConfiguration, at time: Date
    ) throws {
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: bench.folder.path("alerts.jsonl")), store: bench.store,
            composer: WebhookComposer(sinks: [sink]))
        try recorder.record(
            alerts.map { AlertRecorder.Notified(alert: $0, sinks: ["log", sink.name]) },
            with: PassCommit(), now: time)
    }

    private func digestSink(
        _ bench: WebhookTestBench, format: SinkConfiguration.Format = .json
    ) -> SinkConfiguration {
        var sink = bench.sink("digest", format: format)
        sink.digest = 3600
        return sink
    }

    @Test func messagesHeldAcrossRestartsGoOutAsOneDigestOnce() throws {
        let bench = try WebhookTestBench()
        let sink = digestSink(bench)
        let attack = sampleAlert(rule: "haqqani-attack", itemID: "one")
        let claim = sampleAlert(rule: "iskp-claim", itemID: "one", severity: .critical)
        let other = sampleAlert(itemID: "two", severity: .low)
        try record([attack, claim], bench: bench, sink: sink, at: start)
        #expect(bench.dispatcher([sink]).deliverDue(now: start).sent == 0)

        try bench.reopenStore()
        try record([other], bench: bench, sink: sink, at: start.addingTimeInterval(600))
        #expect(try bench.store.heldDigestEntryCount() == 2)
        // The scheduler knows to wake at the end of the period.
        #expect(try bench.store.nextDeliveryTime() == periodEnd)
        #expect(bench.dispatcher([sink]).deliverDue(now: start.addingTimeInterval(900)).sent == 0)
        #expect(bench.server.requests(for: "/digest").isEmpty)

        try bench.reopenStore()
        let due = bench.dispatcher([sink]).deliverDue(now: periodEnd)
        #expect(due.sent == 1 && due.pending == 0, "\(due.problems)")
        // Later rounds and restarts send nothing more.
        try bench.reopenStore()
        _ = bench.dispatcher([sink]).deliverDue(now: periodEnd.addingTimeInterval(7200))

        let requests = bench.server.requests(for: "/digest")
        try #require(requests.count == 1)
        let key = AlertMessage.digestKey(
            sink: "digest", until: periodEnd,
            messageKeys: [AlertMessage.key(alertIDs: [claim.id, attack.id]), other.id])
        #expect(requests[0].header("Idempotency-Key") == key)
        let body = try #require(
            try JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any])
        let digest = try #require(body["digest"] as? [String: Any])
        #expect(digest["messages"] as? Int == 2 && digest["alerts"] as? Int == 3)
        #expect(digest["sink"] as? String == "digest")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { ($0["rules"] as? [Any])?.count } == [2, 1])
        #expect(try bench.store.heldDigestEntryCount() == 0)
        // Every alert finds the digest that carried it.
        for alert in [attack, claim, other] {
            #expect(try bench.store.deliveries(alertID: alert.id).map(\.alertID) == [key])
        }
    }

    @Test func aDigestRetriedAfterA500KeepsItsKeyAndBody() throws {
        let bench = try WebhookTestBench()
        let sink = digestSink(bench, format: .slack)
        let script = ResponseScript([.status(500), .status(200)])
        bench.server.route("/digest") { _ in script.next() }
        try record(
            [sampleAlert(itemID: "one"), sampleAlert(itemID: "two")], bench: bench, sink: sink,
            at: start)

        #expect(bench.dispatcher([sink]).deliverDue(now: periodEnd).failed == 1)
        try bench.reopenStore()
        let done = bench.dispatcher([sink]).deliverDue(now: periodEnd.addingTimeInterval(3600))
        #expect(done.sent == 1)

        let requests = bench.server.requests(for: "/digest")
        #expect(requests.count == 2)
        #expect(Set(requests.map(\.body)).count == 1)
        #expect(Set(requests.compactMap { $0.header("Idempotency-Key") }).count == 1)
        let slack = try #require(
            try JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any])
        #expect((slack["text"] as? String)?.contains("feedwatch digest: 2 items") == true)
    }

    @Test func aMessageHeldForAPeriodAlreadySentGoesInADigestOfItsOwn() throws {
        let bench = try WebhookTestBench()
        let sink = digestSink(bench)
        try record([sampleAlert(itemID: "one")], bench: bench, sink: sink, at: start)
        #expect(bench.dispatcher([sink]).deliverDue(now: periodEnd).sent == 1)
        // A pass whose clock was behind the dispatcher's holds a message for
        // the period just sent: it must not be dropped as a repeat.
        try record([sampleAlert(itemID: "late")], bench: bench, sink: sink, at: start)
        #expect(bench.dispatcher([sink]).deliverDue(now: periodEnd).sent == 1)

        let keys = bench.server.requests(for: "/digest").compactMap {
            $0.header("Idempotency-Key")
        }
        #expect(keys.count == 2 && Set(keys).count == 2)
    }

    @Test func anEmailDigestIsOneMail() throws {
        let bench = try WebhookTestBench()
        let smtp = try LocalSMTPServer(in: bench.folder.url)
        defer { smtp.stop() }
        let sink = SinkConfiguration(
            name: "desk", url: smtp.url, format: .email,
            mail: MailSettings(from: "feedwatch@example.org", to: ["analyst@example.org"]),
            digest: 3600)
        try record(
            [sampleAlert(itemID: "one"), sampleAlert(itemID: "two", title: "Second <report>")],
            bench: bench, sink: sink, at: start)

        let due = bench.dispatcher([sink]).deliverDue(now: periodEnd)

        #expect(due.sent == 1, "\(due.problems)")
        let mails = try smtp.messages()
        try #require(mails.count == 1)
        let mail = ReceivedMail(text: mails[0])
        #expect(mail.header("Subject") == "[HIGH] feedwatch digest: 2 items, 2 alerts")
        let plain = try #require(mail.part("text/plain"))
        #expect(
            plain.contains("Khalil Haqqani killed in Kabul blast")
                && plain.contains("Second <report>"))
        #expect(try #require(mail.part("text/html")).contains("Second &lt;report&gt;"))
    }
}
