import Foundation

/// The answer to an `HTTPRequest`. Any status is a response, 4xx and 5xx
/// included: the caller decides (a webhook retries a 503, drops a 410).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: ResponseHeaders
    public var body: Data
    public var effectiveURL: URL

    public init(status: Int, headers: ResponseHeaders, body: Data, effectiveURL: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
    }

    /// The server's `Retry-After`, in seconds from `now`.
    public func retryAfter(now: Date = Date()) -> TimeInterval? {
        RetryAfter.delay(headers["Retry-After"], from: now)
    }
}
