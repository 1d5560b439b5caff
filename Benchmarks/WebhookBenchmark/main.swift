// Webhook deliveries per second to a loopback receiver: 2,000 queued alerts
// sent by WebhookDispatcher.deliverDue from a real SQLite outbox to the test
// HTTP server on 127.0.0.1, signed (HMAC-SHA256) as a sink with a secret is.
// Every delivery is one POST (on connections the HTTP client keeps open
// between sends) and one outbox commit.
//
//     swift build -c release --product webhook-benchmark
//     .build/release/webhook-benchmark [--alerts N]
import AlertLog
import BenchmarkSupport
import Configuration
import Foundation
import HTTPTransport
import SQLiteStore
import Store
import TestHTTPServer
import Webhooks

/// One measured round: `sinks` sinks sharing `alerts` deliveries.
struct Round {
    var label: String
    var sinks: Int
    var format: SinkConfiguration.Format
}

func sampleAlert(_ number: Int, time: Date) -> Alert {
    Alert(
        id: String(format: "bench-%08d", number), time: time, rule: "haqqani-attack",
        severity: .high, feed: "herald",
        item: AlertItem(
            id: "item-\(number)", title: "Khalil Haqqani killed in Kabul blast (\(number))",
            link: "https://example.org/item-\(number)", published: time),
        matches: [], entities: ["khalil-haqqani"],
        snippet: String(repeating: "At least five people died, officials said. ", count: 5),
        story: "s-\(number)", sources: 1)
}

func measure(_ round: Round, alerts: Int) throws -> Double {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("feedwatch-webhook-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try TestHTTPServer()
    defer { server.stop() }
    let store = try SQLiteStateStore(path: folder.appendingPathComponent("state.db").path)
    let sinks = (0..<round.sinks).map { index in
        server.route("/hook-\(index)", .status(200))
        return SinkConfiguration(
            name: "sink-\(index)", url: server.url("/hook-\(index)"), format: round.format,
            secret: "bench-secret")
    }
    let now = Date()
    for number in 0..<alerts {
        let sink = sinks[number % sinks.count]
        try store.enqueueDelivery(
            NewDelivery(
                alertID: sampleAlert(number, time: now).id, sink: sink.name,
                payload: try WebhookPayload.body(
                    for: sampleAlert(number, time: now), format: sink.format),
                firstAttempt: now, expiresAt: now.addingTimeInterval(86_400)))
    }
    // A budget long enough that one round sends everything: this measures throughput.
    let dispatcher = WebhookDispatcher(
        store: store, sinks: sinks, userAgent: "feedwatch/bench", sinkBudget: 3600)
    let clock = ContinuousClock()
    let started = clock.now
    let summary = dispatcher.deliverDue(now: now)
    let elapsed = clock.now - started
    let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    guard summary.sent == alerts, server.requests.count == alerts else {
        throw BenchmarkFailure(
            description: "\(round.label): sent \(summary.sent) of \(alerts), receiver got"
                + " \(server.requests.count); \(summary.problems.prefix(3))")
    }
    let rate = Double(alerts) / seconds
    print(
        "\(round.label): \(alerts) deliveries in \(String(format: "%.2f", seconds)) s"
            + " = \(Int(rate.rounded())) deliveries/s"
            + " (\(server.connectionsAccepted) connections)")
    return rate
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

let alerts = max(1, BenchmarkArguments().integer("--alerts", default: 2000))
print("webhook-benchmark: \(alerts) queued alerts, loopback receiver, signed requests")
do {
    for round in [
        Round(label: "1 sink, json   ", sinks: 1, format: .json),
        Round(label: "1 sink, slack  ", sinks: 1, format: .slack),
        Round(label: "4 sinks, json  ", sinks: 4, format: .json),
    ] {
        _ = try measure(round, alerts: alerts)
    }
} catch {
    FileHandle.standardError.write(Data("webhook-benchmark: \(error)\n".utf8))
    exit(1)
}
