import CCurl
import Foundation

/// One feed's transfer in the multi loop: its easy handle, configured from
/// the options, and the collector its callbacks fill.
final class FeedTransfer {
    let request: FeedRequest
    let host: String
    let easy: CurlEasyHandle
    private let collector: ResponseCollector
    private let options: FetchOptions
    private let started = Date()

    init(request: FeedRequest, host: String, options: FetchOptions) throws(CurlError) {
        self.request = request
        self.host = host
        self.options = options
        easy = try CurlEasyHandle()
        collector = ResponseCollector(maxSize: options.maxSize, followsRedirects: true)
        try easy.configure(url: request.url, options: options)
        try easy.set(headers: request.conditional.requestHeaders)
        try collector.attach(to: easy)
    }

    /// The result for curl's `code`, read once the transfer has ended.
    func result(for code: CURLcode) -> FetchResult {
        let status = easy.responseCode
        let effectiveURL = easy.effectiveURL.flatMap(URL.init(string:))
        let outcome = TransferOutcome(
            requestURL: request.url, code: code, curlMessage: easy.message(for: code),
            status: status,
            effectiveURL: effectiveURL,
            contentType: easy.contentType,
            maxSize: options.maxSize, maxRedirects: options.maxRedirects
        ).classify(collector)
        return FetchResult(
            request: request, outcome: outcome, elapsed: Date().timeIntervalSince(started),
            status: status == 0 ? nil : status, bytesReceived: collector.body.count,
            effectiveURL: effectiveURL)
    }

    /// `host:port`, the key both libcurl's per-host limit and ours count by.
    static func hostKey(for url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}

extension CurlEasyHandle {
    /// The settings every feedwatch request shares: redirects, protocols,
    /// compression, HTTP/2, timeouts, the User-Agent, TLS verification.
    /// Proxies come from the environment (libcurl's default, left alone).
    func configure(url: URL, options: FetchOptions, followRedirects: Bool = true) throws(CurlError)
    {
        try set(url: url.absoluteString)
        try set(allowedProtocols: "http,https")
        try set(followLocation: followRedirects)
        try set(maxRedirects: options.maxRedirects)
        try set(acceptEncoding: "")
        try set(httpVersion: Int(CURL_HTTP_VERSION_2TLS))
        try set(connectTimeout: options.connectTimeout)
        try set(timeout: options.timeout)
        try set(lowSpeedLimit: options.lowSpeedLimit, duration: options.lowSpeedTime)
        try set(userAgent: options.userAgent)
        try set(suppressConnectHeaders: true)
        try set(verifyTLS: true)
    }
}
