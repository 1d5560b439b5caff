import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import Store
import Testing

@testable import Webhooks

@Suite struct RedactedURLTests {
    @Test(arguments: [
        (
            "https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx",
            "https://hooks.slack.com/services/T0001/B0001/…"
        ),
        (
            "https://discord.com/api/webhooks/1234567/abcdefghijklmnopqrstuvwxyz-ABC",
            "https://discord.com/api/webhooks/1234567/…"
        ),
        ("https://user:pw@example.org/hook?token=abc", "https://example.org/hook?…"),
        ("http://127.0.0.1:8080/feedwatch", "http://127.0.0.1:8080/feedwatch"),
    ])
    func tokensAreLeftOut(url: String, shown: String) throws {
        #expect(RedactedURL.text(try #require(URL(string: url))) == shown)
    }
}

@Suite struct TestAlertTests {
    @Test func theTestAlertSaysItIsATest() throws {
        let alert = Alert.test(sink: "ops", time: Date(timeIntervalSince1970: 1_795_000_000.7))
        #expect(alert.id == "test-20261118T110640Z")
        #expect(alert.rule == "feedwatch-test" && alert.severity == .info)
        #expect(alert.item.title?.hasPrefix("TEST:") == true)
        #expect(alert.time == Date(timeIntervalSince1970: 1_795_000_000))
        for format in SinkConfiguration.Format.allCases where format != .email {
            let body = String(
                decoding: try WebhookPayload.body(for: alert, format: format), as: UTF8.self)
            #expect(body.contains("TEST: feedwatch test alert for sink 'ops'"))
        }
    }
}

@Suite struct DeliverySummaryTests {
    @Test func problemsPastTheLimitAreCountedNotKept() {
        var round = DeliverySummary(sent: 1, failed: 2, dead: 30, pending: 4)
        for number in 1...30 { round.note("problem \(number)") }
        var summary = DeliverySummary()
        summary.add(round)

        #expect(summary.problems.count == DeliverySummary.problemLimit)
        #expect(summary.problems.first == "problem 1")
        #expect(summary.omittedProblems == 10)
        #expect(
            summary.line
                == "webhooks: 1 sent, 2 failed, 30 dead, 4 pending (10 more problems not listed)")
    }
}

@Suite struct OutboxCountsTests {
    @Test func countsPerSinkIncludeRemovedSinks() throws {
        let bench = try WebhookTestBench()
        let ops = bench.sink("ops")
        let refusing = bench.sink("refusing")
        bench.server.route("/refusing", .status(410))
        let gone = bench.sink("gone")
        for number in 1...3 {
            let alert = sampleAlert(itemID: "item-\(number)")
            try bench.enqueue(alert, for: ops)
            try bench.enqueue(alert, for: refusing)
            try bench.enqueue(alert, for: gone)
        }
        // `gone` is not in the current configuration; `ops` has one alert not yet due.
        try bench.enqueue(
            sampleAlert(itemID: "later"), for: ops,
            at: WebhookTestBench.start.addingTimeInterval(600))

        _ = bench.dispatcher([ops, refusing]).deliverDue(now: WebhookTestBench.start)

        let counts = try bench.store.deliveryCountsBySink()
        #expect(counts["ops"] == DeliveryCounts(pending: 1, delivered: 3, dead: 0))
        #expect(counts["ops"]?.lastDeath == nil)
        let refused = try #require(counts["refusing"])
        #expect((refused.pending, refused.delivered, refused.dead) == (0, 0, 3))
        #expect(refused.lastDeath?.reason.contains("HTTP 410") == true)
        let removed = try #require(counts["gone"])
        #expect((removed.pending, removed.delivered, removed.dead) == (0, 0, 3))
        #expect(removed.lastDeath?.reason.contains("no longer in feeds.conf") == true)
        #expect(removed.lastDeath?.time == WebhookTestBench.start)
    }
}
