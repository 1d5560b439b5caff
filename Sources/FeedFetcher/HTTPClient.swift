import CCurl
import Foundation

/// Sends one-off requests through the same libcurl wrapper as the feed
/// fetcher, with its protocols, TLS, proxy and size rules.
///
/// Keep one client for many requests: its idle handles keep connections to
/// the same server open (a webhook outbox flush reuses one TLS connection).
///
/// Sendable: it holds options and a lock-guarded pool of idle handles; each
/// `send` takes its own handle, so concurrent sends never share one.
public struct HTTPClient: Sendable {
    /// User-Agent, size cap and connect timeout; `HTTPRequest.timeout` wins over `options.timeout`.
    public var options: FetchOptions
    private let handles = CurlHandlePool<CurlEasyHandle>(capacity: 4)

    public init(options: FetchOptions = FetchOptions()) {
        self.options = options
    }

    /// Sends `request` and waits for the whole response.
    ///
    /// - Throws: `FetchError` when no complete response arrived: a refused
    ///   scheme, a transport failure, a timeout, or a body over `maxSize`.
    public func send(_ request: HTTPRequest) throws(FetchError) -> HTTPResponse {
        let url = request.url.absoluteString
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw .unsupportedScheme(url)
        }
        var requestOptions = options
        requestOptions.timeout = request.timeout
        let collector = ResponseCollector(
            maxSize: options.maxSize, followsRedirects: request.followRedirects,
            expectsBody: request.method.uppercased() != "HEAD")
        let easy: CurlEasyHandle
        do {
            easy = try handles.take { () throws(CurlError) in try CurlEasyHandle() }
            try easy.configure(
                url: request.url, options: requestOptions, followRedirects: request.followRedirects)
            try easy.set(method: request.method.uppercased())
            // "Expect:" with no value stops libcurl's 100-continue round trip
            // for larger bodies, unless the request asks for one itself.
            let asksToContinue = request.headers.contains {
                $0.name.caseInsensitiveEquals("Expect")
            }
            try easy.set(
                headers: request.headers.map { "\($0.name): \($0.value)" }
                    + (asksToContinue ? [] : ["Expect:"]))
            if let body = request.body { try easy.set(body: body) }
            try collector.attach(to: easy)
        } catch {
            throw .transport(url: url, message: error.message)
        }

        let code = easy.perform()
        // Read everything needed from the handle before it goes back to the pool.
        defer { recycle(easy) }
        let status = easy.responseCode
        let outcome = TransferOutcome(
            requestURL: request.url, code: code, curlMessage: easy.message(for: code),
            status: status,
            effectiveURL: nil, contentType: nil, maxSize: options.maxSize,
            maxRedirects: options.maxRedirects)
        if code != CURLE_OK || collector.exceededMaxSize,
            case .failed(let error) = outcome.classify(collector)
        {
            throw error
        }
        let effectiveURL = easy.effectiveURL.flatMap(URL.init(string:)) ?? request.url
        return HTTPResponse(
            status: status, headers: collector.finalHeaders ?? ResponseHeaders(status: status),
            body: collector.body,
            effectiveURL: effectiveURL)
    }

    /// Resets `easy` (dropping this request's callbacks and headers) and
    /// keeps it for the next send; a handle that cannot be reset is freed.
    private func recycle(_ easy: CurlEasyHandle) {
        do {
            try easy.reset()
            handles.putBack(easy)
        } catch {
            // Dropped: its deinit frees it.
        }
    }
}
