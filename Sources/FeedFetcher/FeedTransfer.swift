import Foundation
import HTTPTransport

/// One feed's transfer in a fetch pass: what it asked for, the host it
/// counts against, and when it started.
struct FeedTransfer {
    let request: FeedRequest
    let host: String
    private let started = Date()

    init(request: FeedRequest, host: String) {
        self.request = request
        self.host = host
    }

    /// The GET that fetches the feed: conditional when the last fetch left
    /// validators, following redirects (at most `options.transfer.maxRedirects`),
    /// with the feed's own settings over the pass's `timeout`.
    func httpRequest(timeout: TimeInterval) -> HTTPRequest {
        let settings = request.settings
        return HTTPRequest(
            method: "GET", url: request.url,
            headers: settings.requestHeaders + request.conditional.requestHeaders,
            timeout: settings.timeout ?? timeout, followRedirects: true, login: settings.login,
            maxSize: settings.maxSize)
    }

    /// The fetch result for what the transfer brought back.
    func result(_ transfer: TransferResult) -> FetchResult {
        FetchResult(
            request: request, outcome: FetchOutcome(transfer),
            elapsed: Date().timeIntervalSince(started),
            status: transfer.status == 0 ? nil : transfer.status,
            bytesReceived: transfer.body.count, effectiveURL: transfer.effectiveURL)
    }

    /// The fetch result for a transfer that could not start.
    func result(_ error: TransferError) -> FetchResult {
        FetchResult(request: request, outcome: .failed(FetchError(error)))
    }

    /// `host:port`, the key both libcurl's per-host limit and ours count by.
    static func hostKey(for url: URL) -> String {
        let host = url.host?.lowercased() ?? ""
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}
