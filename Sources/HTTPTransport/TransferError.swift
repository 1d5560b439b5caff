/// Why a request got no complete response. Any HTTP status is a response,
/// so none of these is "the server said no": that is the caller's to judge.
public enum TransferError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Not http or https.
    case unsupportedScheme(url: String)
    /// No usable response: connection refused, DNS, TLS, reset … with curl's message.
    case failed(url: String, message: String)
    /// The connect or total timeout, or the low-speed limit, ran out.
    case timedOut(url: String, message: String)
    /// The body (after decompression) or its announced Content-Length passed `limit`.
    case tooLarge(url: String, limit: Int)
    /// Redirects came back to a URL already visited.
    case redirectLoop(url: String, chain: [String])
    /// More than `limit` redirects, without a loop.
    case tooManyRedirects(url: String, limit: Int)

    /// The URL that was requested.
    public var url: String {
        switch self {
        case .unsupportedScheme(let url), .failed(let url, _), .timedOut(let url, _),
            .tooLarge(let url, _), .redirectLoop(let url, _), .tooManyRedirects(let url, _):
            url
        }
    }

    /// What went wrong, without the URL, for messages that show the URL their own way.
    public var reason: String {
        switch self {
        case .unsupportedScheme: "only http and https URLs are requested"
        case .failed(_, let message): message
        case .timedOut(_, let message): "timed out: \(message)"
        case .tooLarge(_, let limit): "response larger than \(limit) bytes, cut off"
        case .redirectLoop(_, let chain): "redirect loop: \(chain.joined(separator: " -> "))"
        case .tooManyRedirects(_, let limit): "more than \(limit) redirects"
        }
    }

    public var description: String { "\(url): \(reason)" }
}
