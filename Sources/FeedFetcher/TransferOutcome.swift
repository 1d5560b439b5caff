import CCurl
import Foundation

/// Turns what a finished transfer left (curl's result, the collected
/// responses) into a `FetchOutcome`. One error per failure kind; expected
/// outcomes (304) are values.
struct TransferOutcome {
    var requestURL: URL
    var code: CURLcode
    var curlMessage: String
    var status: Int
    var effectiveURL: URL?
    var contentType: String?
    var maxSize: Int
    var maxRedirects: Int

    func classify(_ collector: ResponseCollector, now: Date = Date()) -> FetchOutcome {
        let url = requestURL.absoluteString
        if collector.exceededMaxSize || code == CURLE_FILESIZE_EXCEEDED {
            return .failed(.tooLarge(url: url, limit: maxSize))
        }
        switch code {
        case CURLE_OK: break
        case CURLE_TOO_MANY_REDIRECTS:
            let chain = RedirectChain(start: requestURL, responses: collector.responses)
            if let loop = chain.loop {
                return .failed(.redirectLoop(url: url, chain: loop.map(\.absoluteString)))
            }
            return .failed(.tooManyRedirects(url: url, limit: maxRedirects))
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The request itself was http(s), so a redirect led elsewhere
            // (file://, ftp:// …); name where, rather than curl's "disabled in libcurl".
            let chain = RedirectChain(start: requestURL, responses: collector.responses)
            guard let target = chain.hops.last?.to else {
                return .failed(.transport(url: url, message: curlMessage))
            }
            return .failed(
                .transport(
                    url: url,
                    message:
                        "redirected to \(target.absoluteString): only http and https are followed"))
        case CURLE_OPERATION_TIMEDOUT:
            return .failed(.timedOut(url: url, message: curlMessage))
        default:
            return .failed(.transport(url: url, message: curlMessage))
        }

        let headers = collector.finalHeaders
        switch status {
        case 304:
            return .notModified(status: status)
        case 200...299:
            let chain = RedirectChain(start: requestURL, responses: collector.responses)
            let conditional =
                headers.map(ConditionalRequest.init(responseHeaders:)) ?? ConditionalRequest()
            return .fetched(
                FetchedBody(
                    status: status, body: collector.body, contentType: contentType,
                    effectiveURL: effectiveURL ?? requestURL,
                    movedPermanently: chain.permanentDestination,
                    conditional: conditional))
        default:
            // 429 and 503 are the statuses RFC 9110 gives Retry-After a meaning for.
            let retryAfter =
                status == 429 || status == 503
                ? RetryAfter.delay(headers?["Retry-After"], from: now) : nil
            return .failed(.httpStatus(url: url, status: status, retryAfter: retryAfter))
        }
    }
}
