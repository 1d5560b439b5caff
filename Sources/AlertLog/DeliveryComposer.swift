import Foundation

/// Renders the alerts of one message into the body queued for one of its
/// sinks. The recorder queues deliveries in the same store transaction that
/// indexes the alerts, but how a sink's body looks is the webhooks' business:
/// they implement this (`WebhookComposer`), so recording alerts never depends
/// on sending them.
public protocol DeliveryComposer: Sendable {
    /// The body to queue for sink `name` naming `alerts` (the rules that fired
    /// on one item, the highest severity first), or nil when nothing is sent
    /// there (`log`, the alert log itself, or a sink feeds.conf no longer defines).
    func payload(for alerts: [Alert], toSink name: String) throws -> Data?

    /// The period of sink `name`'s digest (`digest = 1h`), or nil when it is
    /// sent each message as it comes.
    func digestPeriod(ofSink name: String) -> TimeInterval?
}

extension DeliveryComposer {
    public func digestPeriod(ofSink name: String) -> TimeInterval? { nil }
}

/// Composes nothing: every alert stays in the log, whatever sinks its rule
/// names (reindexing, tests and benchmarks that send no webhooks).
public struct NoDeliveries: DeliveryComposer {
    public init() {}

    public func payload(for alerts: [Alert], toSink name: String) throws -> Data? { nil }
}
