import CCurl
import Foundation

extension TransferError {
    /// The one place a `CURLcode` becomes an error: the error for a transfer
    /// of `requestURL` that ended with `code`, judged with what its collector
    /// kept; nil when a complete response arrived.
    init?(
        code: CURLcode, curlMessage: String, requestURL: URL, collector: ResponseCollector,
        maxRedirects: Int
    ) {
        let url = requestURL.absoluteString
        if collector.exceededMaxSize || code == CURLE_FILESIZE_EXCEEDED {
            self = .tooLarge(url: url, limit: collector.maxSize)
            return
        }
        switch code {
        case CURLE_OK:
            return nil
        case CURLE_TOO_MANY_REDIRECTS:
            let chain = RedirectChain(start: requestURL, responses: collector.responses)
            if let loop = chain.loop {
                self = .redirectLoop(url: url, chain: loop.map(\.absoluteString))
            } else {
                self = .tooManyRedirects(url: url, limit: maxRedirects)
            }
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The request itself was http(s), so a redirect led elsewhere
            // (file://, ftp:// …); name where, rather than curl's "disabled in libcurl".
            let chain = RedirectChain(start: requestURL, responses: collector.responses)
            guard let target = chain.hops.last?.to else {
                self = .failed(url: url, message: curlMessage)
                return
            }
            self = .failed(
                url: url,
                message: "redirected to \(target.absoluteString): only http and https are followed")
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut(url: url, message: curlMessage)
        default:
            self = .failed(url: url, message: curlMessage)
        }
    }
}
