import Foundation

/// Sends one-off requests (a webhook POST, a sink test), one at a time on
/// the calling thread, with the same protocols, TLS, proxy and size rules as
/// the requests of a `TransferGroup`.
///
/// Keep one client for many requests: its idle handles keep connections to
/// the same server open (a webhook outbox flush reuses one TLS connection).
///
/// Sendable: it holds options and a lock-guarded pool of idle handles; each
/// `send` takes its own handle, so concurrent sends never share one.
public struct HTTPClient: Sendable {
    /// User-Agent, size cap, connect timeout; each request brings its own timeout.
    public var options: TransferOptions
    private let handles = CurlHandlePool<CurlEasyHandle>(capacity: 4)

    public init(options: TransferOptions = TransferOptions()) {
        self.options = options
    }

    /// Sends `request` and waits for the whole response.
    ///
    /// - Throws: `TransferError` when no complete response arrived: a refused
    ///   scheme, a transport failure, a timeout, or a body over `maxSize`.
    public func send(_ request: HTTPRequest) throws(TransferError) -> HTTPResponse {
        let url = request.url.absoluteString
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else {
            throw .unsupportedScheme(url: url)
        }
        let easy: CurlEasyHandle
        do {
            easy = try handles.take { () throws(CurlError) in try CurlEasyHandle() }
        } catch {
            throw .failed(url: url, message: error.message)
        }
        let transfer = try Transfer(request, options: options, on: easy)
        let result = transfer.perform()
        // The result is read from the handle before it goes back to the pool.
        recycle(easy)
        if let error = result.error { throw error }
        return HTTPResponse(
            status: result.status,
            headers: result.finalHeaders ?? ResponseHeaders(status: result.status),
            body: result.body, effectiveURL: result.effectiveURL ?? request.url)
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
