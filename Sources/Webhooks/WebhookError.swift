import Foundation

/// A failure to deliver an alert to a webhook sink. Messages start with
/// `alerting:` and name the sink and its URL (redacted).
public enum WebhookError: Error, CustomStringConvertible, Equatable {
    /// A delivery names a sink that feeds.conf no longer defines.
    case sinkRemoved(sink: String)
    /// The sink's secret (`env:NAME`) cannot be read: nothing is sent unsigned.
    case secretUnavailable(sink: String, message: String)
    /// The receiver refused the request in a way a retry will not change (a 4xx other than 429).
    case rejected(sink: String, url: String, status: Int, answer: String)
    /// The mail server refused the mail for good (a 5xx reply).
    case mailRefused(sink: String, url: String, message: String)
    /// The receiver is there but cannot take the request now (5xx, 429, an unexpected status).
    case unavailable(sink: String, url: String, status: Int, retryAfter: TimeInterval?)
    /// No answer at all: connection refused, DNS, TLS, a timeout.
    case unreachable(sink: String, url: String, message: String)

    public var description: String {
        switch self {
        case .sinkRemoved(let sink):
            "alerting: sink '\(sink)' is no longer in feeds.conf; its deliveries are given up"
        case .secretUnavailable(let sink, let message):
            "alerting: sink '\(sink)': cannot sign, so nothing is sent: \(message)"
        case .rejected(let sink, let url, let status, let answer):
            "alerting: sink '\(sink)' (\(url)): HTTP \(status), refused for good"
                + (answer.isEmpty ? "" : ": \(answer)")
        case .mailRefused(let sink, let url, let message):
            "alerting: sink '\(sink)' (\(url)): \(message), refused for good"
        case .unavailable(let sink, let url, let status, let retryAfter):
            "alerting: sink '\(sink)' (\(url)): HTTP \(status)"
                + (retryAfter.map { ", retry after \(Int($0.rounded(.up)))s" } ?? "")
        case .unreachable(let sink, let url, let message):
            "alerting: sink '\(sink)' (\(url)): \(message)"
        }
    }
}
