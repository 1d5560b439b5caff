import FeedModel
import Foundation
import HTTPTransport

/// Why a fetch failed. Messages start with `fetcher:` and name the URL, as
/// `ShownURL` shows it: the message goes to logs, the state and `feeds`.
public enum FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not http, https or file (the associated value is the URL).
    case unsupportedScheme(String)
    /// No usable response: connection refused, DNS, TLS, reset … with curl's message.
    case transport(url: String, message: String)
    /// The connect or total timeout, or the low-speed limit, ran out.
    case timedOut(url: String, message: String)
    /// An HTTP status of 400 or more (or a 3xx that could not be followed).
    /// `retryAfter` is the server's `Retry-After`, in seconds from now, for 429 and 503.
    case httpStatus(url: String, status: Int, retryAfter: TimeInterval?)
    /// The body (after decompression) or its announced Content-Length passed `limit`.
    case tooLarge(url: String, limit: Int)
    /// Redirects came back to a URL already visited.
    case redirectLoop(url: String, chain: [String])
    /// More than `limit` redirects, without a loop.
    case tooManyRedirects(url: String, limit: Int)
    /// The transfer was never started: the fetch was cancelled first.
    case cancelled(url: String)
    /// A file:// URL that could not be read.
    case file(path: String, message: String)
    /// The request could not be made as feeds.conf asks (a secret's
    /// environment variable is unset); `message` names the file and line.
    case notConfigured(url: String, message: String)

    public var description: String { ShownURL.redactingURLs(in: message) }

    private var message: String {
        switch self {
        case .unsupportedScheme(let url):
            "fetcher: \(url): only http, https and file URLs are fetched"
        case .transport(let url, let message): "fetcher: \(url): \(message)"
        case .timedOut(let url, let message): "fetcher: \(url): timed out: \(message)"
        case .httpStatus(let url, let status, let retryAfter):
            if let retryAfter {
                "fetcher: \(url): HTTP \(status), retry after \(Int(retryAfter.rounded(.up)))s"
            } else {
                "fetcher: \(url): HTTP \(status)"
            }
        case .tooLarge(let url, let limit):
            "fetcher: \(url): response larger than \(limit) bytes, cut off"
        case .redirectLoop(let url, let chain):
            "fetcher: \(url): redirect loop: \(chain.joined(separator: " -> "))"
        case .tooManyRedirects(let url, let limit): "fetcher: \(url): more than \(limit) redirects"
        case .cancelled(let url): "fetcher: \(url): cancelled before it started"
        case .file(let path, let message): "fetcher: \(path): \(message)"
        case .notConfigured(let url, let message): "fetcher: \(url): not requested: \(message)"
        }
    }

    /// The feed's error for a transfer that brought no complete response.
    init(_ error: TransferError) {
        switch error {
        case .unsupportedScheme(let url): self = .unsupportedScheme(url)
        case .failed(let url, let message): self = .transport(url: url, message: message)
        case .timedOut(let url, let message): self = .timedOut(url: url, message: message)
        case .tooLarge(let url, let limit): self = .tooLarge(url: url, limit: limit)
        case .redirectLoop(let url, let chain): self = .redirectLoop(url: url, chain: chain)
        case .tooManyRedirects(let url, let limit): self = .tooManyRedirects(url: url, limit: limit)
        }
    }

    /// The server's requested delay, for 429 and 503.
    public var retryAfter: TimeInterval? {
        if case .httpStatus(_, _, let retryAfter) = self { return retryAfter }
        return nil
    }
}
