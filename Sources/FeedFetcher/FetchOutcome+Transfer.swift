import Foundation
import HTTPTransport

extension FetchOutcome {
    /// What a finished transfer means for a feed: a body to parse, nothing
    /// new (304), or the error. One error per failure kind; expected outcomes
    /// are values.
    init(_ transfer: TransferResult, now: Date = Date()) {
        if let error = transfer.error {
            self = .failed(FetchError(error))
            return
        }
        let status = transfer.status
        let headers = transfer.finalHeaders
        switch status {
        case 304:
            self = .notModified(status: status)
        case 200...299:
            let conditional =
                headers.map(ConditionalRequest.init(responseHeaders:)) ?? ConditionalRequest()
            self = .fetched(
                FetchedBody(
                    status: status, bytes: transfer.body, contentType: transfer.contentType,
                    effectiveURL: transfer.effectiveURL ?? transfer.requestURL,
                    movedPermanently: transfer.redirects.permanentDestination,
                    conditional: conditional))
        default:
            // 429 and 503 are the statuses RFC 9110 gives Retry-After a meaning for.
            let retryAfter =
                status == 429 || status == 503
                ? RetryAfter.delay(headers?["Retry-After"], from: now) : nil
            self = .failed(
                .httpStatus(
                    url: transfer.requestURL.absoluteString, status: status,
                    retryAfter: retryAfter))
        }
    }
}
