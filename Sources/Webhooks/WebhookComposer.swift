import AlertLog
import Configuration
import Foundation

/// The body of each message for each sink of feeds.conf, in the sink's
/// format: what `AlertRecorder` queues in the outbox, and what the
/// dispatcher folds a digest sink's held messages into.
public struct WebhookComposer: DeliveryComposer {
    private let sinks: [String: SinkConfiguration]

    /// - Parameter sinks: the webhook and email sinks of the current feeds.conf.
    public init(sinks: [SinkConfiguration]) {
        self.sinks = Dictionary(
            sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func payload(for alerts: [Alert], toSink name: String) throws -> Data? {
        // Rules are validated against the sinks at load; one missing here
        // means the configuration changed under a running pass.
        guard name != ConfigurationFile.logSinkName, let sink = sinks[name] else { return nil }
        if sink.format == .email, let mail = sink.mail {
            return try EmailComposer.message(
                alerts, sink: sink, mail: mail, date: alerts.first?.time ?? Date()
            ).data()
        }
        return try WebhookPayload.body(for: alerts, format: sink.format)
    }

    public func digestPeriod(ofSink name: String) -> TimeInterval? {
        sinks[name]?.digest
    }

    /// The body of the digest `key` of sink `name`, naming `messages`, for
    /// the period ending `until`; nil when the sink left feeds.conf.
    public func digestPayload(
        _ messages: [[Alert]], key: String, toSink name: String, until: Date
    ) throws -> Data? {
        guard let sink = sinks[name] else { return nil }
        if sink.format == .email, let mail = sink.mail {
            return try EmailComposer.digest(
                messages, key: key, until: until, sink: sink, mail: mail, date: until
            ).data()
        }
        return try DigestPayload.body(messages, sink: sink, until: until)
    }
}
