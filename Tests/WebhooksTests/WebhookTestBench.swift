import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import HTTPTransport
import SQLiteStore
import Store
import TestHTTPServer

@testable import Webhooks

/// A temporary state store, a real receiver on 127.0.0.1 and helpers to
/// queue alerts and run the dispatcher at a `now` the test chooses.
final class WebhookTestBench {
    static let userAgent = "feedwatch/9.9.9-test"
    /// A fixed start: scheduling follows the `now` passed in, never the wall clock.
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    let folder: TemporaryFolder
    let server: TestHTTPServer
    var store: SQLiteStateStore

    init() throws {
        folder = try TemporaryFolder()
        server = try TestHTTPServer()
        store = try SQLiteStateStore(path: folder.path("state/feedwatch.db"))
    }

    deinit { server.stop() }

    var statePath: String { folder.path("state/feedwatch.db") }

    /// A restart: the store is closed (its lock goes with it) and the file opened afresh.
    func reopenStore() throws {
        store = try SQLiteStateStore(path: folder.path("elsewhere.db"))
        store = try SQLiteStateStore(path: statePath)
    }

    /// A sink on the receiver at `/NAME`, which answers 200 until a test routes it otherwise.
    func sink(
        _ name: String, format: SinkConfiguration.Format = .json, secret: String? = nil
    ) -> SinkConfiguration {
        server.route("/\(name)", .status(200))
        return SinkConfiguration(
            name: name, url: server.url("/\(name)"), format: format, secret: secret)
    }

    /// Queues `alert` for `sink` as the recorder would, rendered in the sink's format.
    @discardableResult
    func enqueue(
        _ alert: Alert, for sink: SinkConfiguration, at time: Date = WebhookTestBench.start,
        expiry: TimeInterval = AlertRecorder.defaultDeliveryExpiry
    ) throws -> Data {
        let payload = try WebhookPayload.body(for: alert, format: sink.format)
        try store.enqueueDelivery(
            NewDelivery(
                alertID: alert.id, sink: sink.name, payload: payload, firstAttempt: time,
                expiresAt: time.addingTimeInterval(expiry)))
        return payload
    }

    func dispatcher(
        _ sinks: [SinkConfiguration], environment: [String: String] = [:],
        timeout: TimeInterval = 2, sinkBudget: TimeInterval = 30
    ) -> WebhookDispatcher {
        WebhookDispatcher(
            store: store, sinks: sinks, userAgent: Self.userAgent, requestTimeout: timeout,
            sinkBudget: sinkBudget, environment: environment)
    }

    func delivery(_ alertID: String) throws -> OutboxDelivery? {
        try store.deliveries(alertID: alertID).first
    }
}

/// Answers with the scripted responses in turn, then with the last one for ever.
final class ResponseScript: @unchecked Sendable {
    private let lock = NSLock()
    private var responses: [ScriptedResponse]

    init(_ responses: [ScriptedResponse]) { self.responses = responses }

    func next() -> ScriptedResponse {
        lock.lock()
        defer { lock.unlock() }
        return responses.count > 1 ? responses.removeFirst() : responses[0]
    }
}

/// A URL on 127.0.0.1 where nothing listens: a receiver that is down.
func closedPortURL(_ path: String = "/hook") throws -> URL {
    let server = try TestHTTPServer()
    let url = server.url(path)
    server.stop()
    return url
}
