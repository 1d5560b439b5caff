import Foundation

/// Renders an alert into the body queued for one of its sinks. The recorder
/// queues deliveries in the same store transaction that indexes the alert,
/// but how a sink's body looks is the webhooks' business: they implement this
/// (`WebhookComposer`), so recording alerts never depends on sending them.
public protocol DeliveryComposer: Sendable {
    /// The body to queue for sink `name`, or nil when nothing is sent there
    /// (`log`, the alert log itself, or a sink feeds.conf no longer defines).
    func payload(for alert: Alert, toSink name: String) throws -> Data?
}

/// Composes nothing: every alert stays in the log, whatever sinks its rule
/// names (reindexing, tests and benchmarks that send no webhooks).
public struct NoDeliveries: DeliveryComposer {
    public init() {}

    public func payload(for alert: Alert, toSink name: String) throws -> Data? { nil }
}
