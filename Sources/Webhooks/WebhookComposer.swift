import AlertLog
import Configuration
import Foundation

/// The webhook body of each alert for each sink of feeds.conf, in the sink's
/// format: what `AlertRecorder` queues in the outbox.
public struct WebhookComposer: DeliveryComposer {
    private let sinks: [String: SinkConfiguration]

    /// - Parameter sinks: the webhook sinks of the current feeds.conf.
    public init(sinks: [SinkConfiguration]) {
        self.sinks = Dictionary(
            sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func payload(for alert: Alert, toSink name: String) throws -> Data? {
        // Rules are validated against the sinks at load; one missing here
        // means the configuration changed under a running pass.
        guard name != ConfigurationFile.logSinkName, let sink = sinks[name] else { return nil }
        return try WebhookPayload.body(for: alert, format: sink.format)
    }
}
