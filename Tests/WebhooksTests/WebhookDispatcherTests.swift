import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import HTTPTransport
import SQLiteStore
import Store
import TestHTTPServer
import Testing

@testable import Webhooks

@Suite struct WebhookDispatcherTests {
    let start = WebhookTestBench.start

    @Test func eachFormatArrivesAsSentWithTheHeaders() throws {
        let bench = try WebhookTestBench()
        let sinks = SinkConfiguration.Format.allCases.filter { $0 != .email }.map { format in
            bench.sink("\(format.rawValue)-sink", format: format)
        }
        var sent: [String: Data] = [:]
        for sink in sinks {
            sent[sink.name] = try bench.enqueue(sampleAlert(itemID: sink.name), for: sink)
        }

        let summary = bench.dispatcher(sinks).deliverDue(now: start)

        #expect(summary.sent == 3 && summary.failed == 0 && summary.dead == 0)
        #expect(summary.pending == 0)
        for sink in sinks {
            let requests = bench.server.requests(for: "/\(sink.name)")
            try #require(requests.count == 1)
            let request = requests[0]
            #expect(request.method == "POST")
            #expect(request.body == sent[sink.name])
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("User-Agent") == WebhookTestBench.userAgent)
            #expect(request.header("Idempotency-Key") == sampleAlert(itemID: sink.name).id)
            #expect(request.header(WebhookSignature.headerName) == nil)
            #expect(try bench.delivery(sampleAlert(itemID: sink.name).id)?.status == .delivered)
        }
        let json = try #require(bench.server.requests(for: "/json-sink").first)
        #expect(
            try AlertLogFormat.makeDecoder().decode(Alert.self, from: json.body)
                == sampleAlert(itemID: "json-sink"))
        let slack = try #require(bench.server.requests(for: "/slack-sink").first)
        let slackMessage = try JSONSerialization.jsonObject(with: slack.body) as? [String: Any]
        #expect(slackMessage?["blocks"] != nil)
        let discord = try #require(bench.server.requests(for: "/discord-sink").first)
        let discordMessage = try JSONSerialization.jsonObject(with: discord.body) as? [String: Any]
        #expect((discordMessage?["embeds"] as? [Any])?.count == 1)
    }

    @Test func theSignatureVerifiesOnTheReceivingSide() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops", secret: "env:OPS_SECRET")
        let alert = sampleAlert()
        try bench.enqueue(alert, for: sink)

        let summary = bench.dispatcher([sink], environment: ["OPS_SECRET": "s3cret"])
            .deliverDue(now: start)

        #expect(summary.sent == 1)
        let request = try #require(bench.server.requests(for: "/ops").first)
        let header = try #require(request.header(WebhookSignature.headerName))
        // Signed with the wall clock at sending, which is what a receiver checks against.
        #expect(
            WebhookSignature.verify(
                header: header, body: request.body, secret: "s3cret", now: Date()))
        #expect(
            !WebhookSignature.verify(
                header: header, body: request.body, secret: "other", now: Date()))
        #expect(request.header("Idempotency-Key") == alert.id)
    }

    @Test func anUnsetSecretKeepsTheDeliveryPendingAndSendsNothing() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops", secret: "env:OPS_SECRET")
        try bench.enqueue(sampleAlert(), for: sink)

        let summary = bench.dispatcher([sink], environment: [:]).deliverDue(now: start)

        #expect(bench.server.requests.isEmpty)
        #expect(summary.sent == 0 && summary.dead == 0 && summary.pending == 1)
        let delivery = try #require(try bench.delivery(sampleAlert().id))
        #expect(delivery.status == .pending && delivery.attempts == 0)
        #expect(delivery.lastError?.contains("OPS_SECRET") == true)

        // Once the secret is there, the same delivery goes out, signed.
        let later = bench.dispatcher([sink], environment: ["OPS_SECRET": "s3cret"])
            .deliverDue(now: start.addingTimeInterval(60))
        #expect(later.sent == 1)
        #expect(bench.server.requests.first?.header(WebhookSignature.headerName) != nil)
    }

    @Test func retriesWhileTheReceiverAnswers503ThenDeliversOnce() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let script = ResponseScript([.status(503), .status(503), .status(200)])
        bench.server.route("/ops") { _ in script.next() }
        let alert = sampleAlert()
        try bench.enqueue(alert, for: sink)
        let dispatcher = bench.dispatcher([sink])

        let first = dispatcher.deliverDue(now: start)
        #expect(first.failed == 1 && first.pending == 1)
        let afterFirst = try #require(try bench.delivery(alert.id))
        #expect(afterFirst.attempts == 1 && afterFirst.status == .pending)
        #expect(afterFirst.lastError?.contains("HTTP 503") == true)
        // 30 s base, up to 20 % jitter off.
        let delay = afterFirst.nextAttempt.timeIntervalSince(start)
        #expect(delay >= 24 && delay < 40)

        // Not due yet: nothing is sent.
        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(10)).failed == 0)
        #expect(bench.server.requests.count == 1)

        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(600)).failed == 1)
        let done = dispatcher.deliverDue(now: start.addingTimeInterval(3600))
        #expect(done.sent == 1 && done.pending == 0)
        // Delivered: later rounds send nothing more.
        _ = dispatcher.deliverDue(now: start.addingTimeInterval(7200))

        let requests = bench.server.requests(for: "/ops")
        #expect(requests.count == 3)
        #expect(Set(requests.map(\.body)).count == 1)
        #expect(requests.allSatisfy { $0.header("Idempotency-Key") == alert.id })
        let delivered = try #require(try bench.delivery(alert.id))
        #expect(delivered.status == .delivered && delivered.attempts == 3)
    }

    @Test func aReceiverThatIsDownIsRetriedAndNothingIsLostOrDoubled() throws {
        let bench = try WebhookTestBench()
        let down = SinkConfiguration(name: "ops", url: try closedPortURL("/ops"))
        let alerts = (1...3).map { sampleAlert(itemID: "item-\($0)") }
        for alert in alerts { try bench.enqueue(alert, for: down) }

        let whileDown = bench.dispatcher([down]).deliverDue(now: start)
        #expect(whileDown.failed == 1 && whileDown.sent == 0 && whileDown.pending == 3)
        let head = try #require(try bench.delivery(alerts[0].id))
        #expect(head.lastError?.contains("alerting: sink 'ops'") == true)
        #expect(head.lastError?.contains(down.url.absoluteString) == true)

        // The receiver is back (feeds.conf names where it now listens).
        let up = bench.sink("ops")
        let dispatcher = bench.dispatcher([up])
        let again = dispatcher.deliverDue(now: start.addingTimeInterval(3600))
        #expect(again.sent == 3 && again.pending == 0)
        _ = dispatcher.deliverDue(now: start.addingTimeInterval(7200))
        #expect(
            bench.server.requests(for: "/ops").map { $0.header("Idempotency-Key") }
                == alerts.map(\.id))
    }

    @Test func aReceiverThatHangsIsRetriedAtTheSameURLUntilItAnswers() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        bench.server.route("/ops", ScriptedResponse.status(200).delayed(by: 5))
        let alert = sampleAlert()
        try bench.enqueue(alert, for: sink)
        let dispatcher = bench.dispatcher([sink], timeout: 0.3)

        let hanging = dispatcher.deliverDue(now: start)
        #expect(hanging.failed == 1 && hanging.pending == 1)
        #expect(try bench.delivery(alert.id)?.lastError?.contains("timed out") == true)

        bench.server.route("/ops", .status(200))
        let answered = dispatcher.deliverDue(now: start.addingTimeInterval(3600))
        #expect(answered.sent == 1 && answered.pending == 0)
        #expect(try bench.delivery(alert.id)?.status == .delivered)
        #expect(bench.server.requests(for: "/ops").count == 2)
    }

    @Test func retryAfterIsHonoured() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let script = ResponseScript([.status(429, headers: [("Retry-After", "120")]), .status(200)])
        bench.server.route("/ops") { _ in script.next() }
        try bench.enqueue(sampleAlert(), for: sink)
        let dispatcher = bench.dispatcher([sink])

        #expect(dispatcher.deliverDue(now: start).failed == 1)
        let waiting = try #require(try bench.delivery(sampleAlert().id))
        #expect(waiting.nextAttempt.timeIntervalSince(start) >= 120)
        #expect(waiting.lastError?.contains("retry after 120s") == true)

        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(100)).sent == 0)
        #expect(bench.server.requests.count == 1)
        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(121)).sent == 1)
    }

    @Test func aDeliveryThatCannotBeMadeBeforeItsExpiryIsDead() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        bench.server.route("/ops", .status(503))
        let alert = sampleAlert()
        try bench.enqueue(alert, for: sink, expiry: 90)
        let dispatcher = bench.dispatcher([sink])

        #expect(dispatcher.deliverDue(now: start).failed == 1)
        // The second failure's backoff (48-60 s) would pass the expiry at +90 s.
        let last = dispatcher.deliverDue(now: start.addingTimeInterval(45))
        #expect(last.dead == 1 && last.pending == 0)
        let dead = try #require(try bench.delivery(alert.id))
        #expect(dead.status == .dead)
        #expect(dead.lastError?.contains("expired after 2 attempts") == true)
        #expect(dead.lastError?.contains("HTTP 503") == true)
    }

    @Test func aDeliveryWhoseExpiryPassedWhileWaitingDiesWithoutAnAttempt() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        bench.server.route("/ops", .status(503))
        try bench.enqueue(sampleAlert(), for: sink, expiry: 600)
        let dispatcher = bench.dispatcher([sink])
        _ = dispatcher.deliverDue(now: start)

        let later = dispatcher.deliverDue(now: start.addingTimeInterval(3600))
        #expect(later.dead == 1 && later.pending == 0)
        #expect(bench.server.requests.count == 1)
        let dead = try #require(try bench.delivery(sampleAlert().id))
        #expect(dead.status == .dead)
        #expect(dead.lastError?.contains("expired after 1 attempt (") == true)
    }

    @Test func a400IsDeadAtOnceWithTheStatusAndTheStartOfTheAnswer() throws {
        let bench = try WebhookTestBench()
        let answer = "bad payload: " + String(repeating: "x", count: 400)
        let sink = bench.sink("ops")
        bench.server.route("/ops", .text(answer, status: 400, contentType: "text/plain"))
        let refused = sampleAlert(itemID: "refused")
        let next = sampleAlert(itemID: "next")
        try bench.enqueue(refused, for: sink)
        try bench.enqueue(next, for: sink)

        let summary = bench.dispatcher([sink]).deliverDue(now: start)

        // Dead at once, and the one queued after it is not held back.
        #expect(summary.dead == 2 && summary.failed == 0 && summary.pending == 0)
        let dead = try #require(try bench.delivery(refused.id))
        #expect(dead.status == .dead && dead.attempts == 1)
        let reason = try #require(dead.lastError)
        #expect(reason.contains("HTTP 400") && reason.contains("bad payload: xxx"))
        #expect(reason.contains(String(repeating: "x", count: 187)))
        #expect(!reason.contains(String(repeating: "x", count: 188)))
        #expect(bench.server.requests(for: "/ops").count == 2)
    }

    @Test func pendingDeliveriesSurviveARestart() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let alerts = (1...3).map { sampleAlert(itemID: "item-\($0)") }
        for alert in alerts { try bench.enqueue(alert, for: sink) }

        // Close the store (its lock goes with it) and open the file afresh.
        bench.store = try SQLiteStateStore(path: bench.folder.path("elsewhere.db"))
        let reopened = try SQLiteStateStore(path: bench.statePath)
        bench.store = reopened
        #expect(try reopened.pendingDeliveryCount() == 3)

        let summary = bench.dispatcher([sink]).deliverDue(now: start)
        #expect(summary.sent == 3 && summary.pending == 0)
        #expect(
            bench.server.requests(for: "/ops").map { $0.header("Idempotency-Key") }
                == alerts.map(\.id))
    }

    @Test func aDeliveryWaitingForItsRetryHoldsBackLaterOnesOfItsSink() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let script = ResponseScript([.status(500), .status(200)])
        bench.server.route("/ops") { _ in script.next() }
        let first = sampleAlert(itemID: "first")
        let second = sampleAlert(itemID: "second")
        try bench.enqueue(first, for: sink)
        try bench.enqueue(second, for: sink)
        let dispatcher = bench.dispatcher([sink])

        #expect(dispatcher.deliverDue(now: start).failed == 1)
        // The second is due, but must not overtake the first.
        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(5)).sent == 0)
        #expect(bench.server.requests.count == 1)

        #expect(dispatcher.deliverDue(now: start.addingTimeInterval(600)).sent == 2)
        #expect(
            bench.server.requests.map { $0.header("Idempotency-Key") }
                == [first.id, first.id, second.id])
    }

    @Test func aSlowAndADeadSinkDoNotHoldUpAnother() throws {
        let bench = try WebhookTestBench()
        let slow = bench.sink("slow")
        let dead = SinkConfiguration(name: "dead", url: try closedPortURL())
        let good = bench.sink("good")
        bench.server.route("/slow", ScriptedResponse.status(200).delayed(by: 5))
        let alerts = (1...5).map { sampleAlert(itemID: "item-\($0)") }
        for alert in alerts {
            try bench.enqueue(alert, for: slow)
            try bench.enqueue(alert, for: dead)
            try bench.enqueue(alert, for: good)
        }

        let clock = ContinuousClock()
        let started = clock.now
        let summary = bench.dispatcher([slow, dead, good], timeout: 0.5).deliverDue(now: start)
        let elapsed = clock.now - started

        #expect(summary.sent == 5 && summary.failed == 2 && summary.pending == 10)
        #expect(elapsed < .seconds(3))
        #expect(
            bench.server.requests(for: "/good").map { $0.header("Idempotency-Key") }
                == alerts.map(\.id))
        let slowHead = try #require(
            try bench.store.deliveries(alertID: alerts[0].id).first { $0.sink == "slow" })
        #expect(slowHead.lastError?.contains("timed out") == true)
    }

    @Test func deliveriesToASinkRemovedFromTheConfigurationAreDead() throws {
        let bench = try WebhookTestBench()
        let removed = bench.sink("gone")
        try bench.enqueue(sampleAlert(), for: removed)

        let summary = bench.dispatcher([bench.sink("ops")]).deliverDue(now: start)

        #expect(summary.dead == 1 && summary.pending == 0)
        #expect(bench.server.requests.isEmpty)
        let dead = try #require(try bench.delivery(sampleAlert().id))
        #expect(dead.status == .dead)
        #expect(dead.lastError?.contains("'gone' is no longer in feeds.conf") == true)
    }

    @Test func aRedeliveryGoesOutAgainWithTheSameIdempotencyKey() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        let alert = sampleAlert()
        let payload = try bench.enqueue(alert, for: sink)
        let dispatcher = bench.dispatcher([sink])
        #expect(dispatcher.deliverDue(now: start).sent == 1)

        let later = start.addingTimeInterval(86_400 * 3)
        try bench.store.redeliver(
            NewDelivery(
                alertID: alert.id, sink: sink.name, payload: payload, firstAttempt: later,
                expiresAt: later.addingTimeInterval(3600)))
        let summary = dispatcher.deliver(alertID: alert.id, now: later)

        #expect(summary.sent == 1)
        let keys = bench.server.requests(for: "/ops").map { $0.header("Idempotency-Key") }
        #expect(keys == [alert.id, alert.id])
        #expect(try bench.delivery(alert.id)?.status == .delivered)
    }

    @Test func aRedirectIsRetriedNotFollowed() throws {
        let bench = try WebhookTestBench()
        let sink = bench.sink("ops")
        bench.server.route("/ops", .redirect(to: "/elsewhere"))
        try bench.enqueue(sampleAlert(), for: sink)

        let summary = bench.dispatcher([sink]).deliverDue(now: start)

        #expect(summary.failed == 1)
        #expect(bench.server.requests(for: "/elsewhere").isEmpty)
        #expect(try bench.delivery(sampleAlert().id)?.lastError?.contains("HTTP 302") == true)
    }
}
