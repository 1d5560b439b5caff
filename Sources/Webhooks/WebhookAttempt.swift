import Foundation
import HTTPTransport

/// What one POST of an alert to a sink came to: the receiver's answer, how
/// long it took, and whether the delivery is done, worth retrying, or refused.
public struct WebhookAttempt: Sendable {
    /// What the outbox does next with the delivery.
    public enum Outcome: Sendable, Equatable {
        /// A 2xx: the receiver has it.
        case delivered
        /// The receiver is down, overloaded or slow: try again later, no
        /// sooner than `retryAfter` seconds when it said so.
        case retry(WebhookError, retryAfter: TimeInterval?)
        /// A 4xx other than 429: the same request will never succeed.
        case rejected(WebhookError)
    }

    /// How much of an answer's body is kept for messages and `sinks test`.
    public static let answerPrefixLength = 200

    public var sink: String
    public var url: URL
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    /// From the start of the request to the end of the answer (or the failure).
    public var duration: TimeInterval
    /// The first `answerPrefixLength` bytes of the answer's body.
    public var answer: Data
    public var outcome: Outcome

    public init(
        sink: String, url: URL, status: Int?, duration: TimeInterval, answer: Data,
        outcome: Outcome
    ) {
        self.sink = sink
        self.url = url
        self.status = status
        self.duration = duration
        self.answer = answer
        self.outcome = outcome
    }

    /// The answer's first bytes as text, on one line, for messages.
    public var answerText: String {
        String(decoding: answer, as: UTF8.self)
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
    }

    /// Classifies a response from `sink`.
    init(sink: String, url: URL, response: HTTPResponse, duration: TimeInterval, now: Date) {
        let answer = Data(response.body.prefix(Self.answerPrefixLength))
        self.init(
            sink: sink, url: url, status: response.status, duration: duration, answer: answer,
            outcome: .delivered)
        let address = RedactedURL.text(url)
        switch response.status {
        case 200...299:
            outcome = .delivered
        case 429, 500...599:
            let retryAfter = response.retryAfter(now: now)
            outcome = .retry(
                .unavailable(
                    sink: sink, url: address, status: response.status, retryAfter: retryAfter),
                retryAfter: retryAfter)
        case 400...499:
            outcome = .rejected(
                .rejected(
                    sink: sink, url: address, status: response.status, answer: answerText))
        default:
            // A redirect (webhooks are not redirected) or something stranger:
            // the sink's url may be being fixed, so keep the alert and retry.
            outcome = .retry(
                .unavailable(
                    sink: sink, url: address, status: response.status, retryAfter: nil),
                retryAfter: nil)
        }
    }

    /// Classifies a request that got no response.
    init(sink: String, url: URL, failure: TransferError, duration: TimeInterval) {
        let address = RedactedURL.text(url)
        let outcome: Outcome
        switch failure {
        case .unsupportedScheme:
            outcome = .rejected(
                .unreachable(
                    sink: sink, url: address, message: "only http and https URLs can be sent to"))
        default:
            // `reason`, not `description`: the URL in the description is the
            // sink's own, credential and all; messages show `address`.
            outcome = .retry(
                .unreachable(sink: sink, url: address, message: failure.reason),
                retryAfter: nil)
        }
        self.init(
            sink: sink, url: url, status: nil, duration: duration, answer: Data(),
            outcome: outcome)
    }
}
