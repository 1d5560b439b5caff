import FeedModel
import Foundation

/// Fetches feeds over HTTP(S) through libcurl, or from file:// paths.
///
/// (Interface fixed by the foundation issue; libcurl lands with the monitor issue.)
public final class FeedFetcher: @unchecked Sendable {
    public let options: FetchOptions

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    /// Fetches every request, `options.concurrency` at a time, and calls
    /// `completion` for each as it finishes (on the calling thread). Returns
    /// when all are done.
    public func fetch(_ requests: [FeedRequest], completion: (FetchResult) -> Void) {
        for request in requests {
            completion(
                FetchResult(
                    request: request,
                    outcome: .failed(.unsupportedScheme(request.url.absoluteString))))
        }
    }
}

/// Limits and politeness settings for a pass.
public struct FetchOptions: Sendable, Equatable {
    public var concurrency: Int
    public var perHost: Int
    public var timeout: TimeInterval
    public var connectTimeout: TimeInterval
    public var maxSize: Int
    public var userAgent: String

    public init(
        concurrency: Int = 16, perHost: Int = 2, timeout: TimeInterval = 30,
        connectTimeout: TimeInterval = 10, maxSize: Int = 10 * 1024 * 1024,
        userAgent: String = "feedwatch/0.1"
    ) {
        self.concurrency = concurrency
        self.perHost = perHost
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxSize = maxSize
        self.userAgent = userAgent
    }
}

/// One feed to fetch, with what the last fetch left for a conditional request.
public struct FeedRequest: Sendable, Equatable {
    public var feedName: String
    public var url: URL
    public var conditional: ConditionalRequest

    public init(feedName: String, url: URL, conditional: ConditionalRequest = ConditionalRequest())
    {
        self.feedName = feedName
        self.url = url
        self.conditional = conditional
    }
}

/// The validators of a previous response, sent back as If-None-Match / If-Modified-Since.
public struct ConditionalRequest: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// How one fetch ended.
public struct FetchResult: Sendable {
    public var request: FeedRequest
    public var outcome: FetchOutcome
    public var elapsed: TimeInterval

    public init(request: FeedRequest, outcome: FetchOutcome, elapsed: TimeInterval = 0) {
        self.request = request
        self.outcome = outcome
        self.elapsed = elapsed
    }
}

/// Expected outcomes are values; only real failures carry a `FetchError`.
public enum FetchOutcome: Sendable {
    case fetched(FetchedBody)
    case notModified(status: Int)
    case failed(FetchError)
}

/// A body that arrived, with what the monitor records.
public struct FetchedBody: Sendable {
    public var status: Int
    public var body: Data
    public var contentType: String?
    /// Where the body really came from, after redirects.
    public var effectiveURL: URL
    /// Set when a permanent redirect moved the feed.
    public var movedPermanently: URL?
    public var conditional: ConditionalRequest

    public init(
        status: Int, body: Data, contentType: String?, effectiveURL: URL,
        movedPermanently: URL? = nil, conditional: ConditionalRequest = ConditionalRequest()
    ) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.movedPermanently = movedPermanently
        self.conditional = conditional
    }
}

/// Why a fetch failed. Messages start with `fetcher:` and name the URL.
public enum FetchError: Error, CustomStringConvertible, Equatable, Sendable {
    case unsupportedScheme(String)
    case transport(url: String, message: String)
    case httpStatus(url: String, status: Int, retryAfter: TimeInterval?)
    case tooLarge(url: String, limit: Int)
    case file(path: String, message: String)

    public var description: String {
        switch self {
        case .unsupportedScheme(let url):
            "fetcher: \(url): only http, https and file URLs are fetched"
        case .transport(let url, let message): "fetcher: \(url): \(message)"
        case .httpStatus(let url, let status, _): "fetcher: \(url): HTTP \(status)"
        case .tooLarge(let url, let limit):
            "fetcher: \(url): response larger than \(limit) bytes, cut off"
        case .file(let path, let message): "fetcher: \(path): \(message)"
        }
    }
}
