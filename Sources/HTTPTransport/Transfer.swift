import CCurl
import Foundation

/// One request on an easy handle, with the collector its callbacks fill.
/// Internal: callers reach it through `HTTPClient` (one at a time) or
/// `TransferGroup` (many at once), which keep the handle to themselves.
final class Transfer {
    let request: HTTPRequest
    let easy: CurlEasyHandle
    private let collector: ResponseCollector
    private let maxRedirects: Int

    /// Configures `easy` (fresh, or reset after earlier use) for `request`.
    init(_ request: HTTPRequest, options: TransferOptions, on easy: CurlEasyHandle)
        throws(TransferError)
    {
        self.request = request
        self.easy = easy
        maxRedirects = options.maxRedirects
        let method = request.method.uppercased()
        collector = ResponseCollector(
            maxSize: request.maxSize ?? options.maxSize, followsRedirects: request.followRedirects,
            expectsBody: method != "HEAD")
        do {
            try easy.configure(
                url: request.url, options: options, timeout: request.timeout,
                followRedirects: request.followRedirects)
            try easy.set(method: method)
            // "Expect:" with no value stops libcurl's 100-continue round trip
            // for larger bodies, unless the request asks for one itself.
            let asksToContinue = request.headers.contains {
                $0.name.caseInsensitiveEquals("Expect")
            }
            try easy.set(
                headers: request.headers.map { "\($0.name): \($0.value)" }
                    + (asksToContinue ? [] : ["Expect:"]))
            if let body = request.body { try easy.set(body: body) }
            if let login = request.login {
                try easy.set(user: login.user, password: login.password)
            }
            if let caFile = request.caFile { try easy.set(caFile: caFile) }
            try collector.attach(to: easy)
        } catch {
            throw .failed(url: request.url.absoluteString, message: error.message)
        }
    }

    /// Runs the transfer on this thread and returns its result.
    func perform() -> TransferResult {
        result(for: easy.perform())
    }

    /// The result for curl's `code`, read from the handle once the transfer has ended.
    func result(for code: CURLcode) -> TransferResult {
        TransferResult(
            requestURL: request.url, status: easy.responseCode,
            effectiveURL: easy.effectiveURL.flatMap(URL.init(string:)),
            contentType: easy.contentType, responses: collector.responses, body: collector.body,
            error: TransferError(
                code: code, curlMessage: easy.message(for: code), requestURL: request.url,
                collector: collector, maxRedirects: maxRedirects))
    }
}

extension CurlEasyHandle {
    /// The settings every feedwatch request shares: redirects, protocols,
    /// compression, HTTP/2, timeouts, the User-Agent, TLS verification.
    /// Proxies come from the environment (libcurl's default, left alone).
    fileprivate func configure(
        url: URL, options: TransferOptions, timeout: TimeInterval, followRedirects: Bool
    ) throws(CurlError) {
        try set(url: url.absoluteString)
        try set(allowedProtocols: "http,https")
        try set(followLocation: followRedirects)
        try set(maxRedirects: options.maxRedirects)
        try set(acceptEncoding: "")
        try set(httpVersion: Int(CURL_HTTP_VERSION_2TLS))
        try set(connectTimeout: options.connectTimeout)
        try set(timeout: timeout)
        try set(lowSpeedLimit: options.lowSpeedLimit, duration: options.lowSpeedTime)
        try set(userAgent: options.userAgent)
        try set(suppressConnectHeaders: true)
        try set(verifyTLS: true)
    }
}
