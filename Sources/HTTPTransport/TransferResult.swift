import Foundation

/// What one finished request brought back: every response's headers, the
/// final body, and, when no complete response arrived, why.
public struct TransferResult: Sendable {
    /// The URL first requested.
    public var requestURL: URL
    /// The last response's status (0 when none arrived).
    public var status: Int
    /// The last URL requested, after redirects (nil when libcurl cannot say).
    public var effectiveURL: URL?
    /// The last response's `Content-Type` (with its parameters, e.g. `charset`).
    public var contentType: String?
    /// Every response's status line and header fields, in arrival order:
    /// redirects and 1xx responses included, so the chain can be judged.
    public var responses: [ResponseHeaders]
    /// The final response's body, decoded (decompressed), at most `TransferOptions.maxSize`.
    public var body: Data
    /// Set when no complete response arrived; nil for a response of any status.
    public var error: TransferError?

    public init(
        requestURL: URL, status: Int, effectiveURL: URL? = nil, contentType: String? = nil,
        responses: [ResponseHeaders] = [], body: Data = Data(), error: TransferError? = nil
    ) {
        self.requestURL = requestURL
        self.status = status
        self.effectiveURL = effectiveURL
        self.contentType = contentType
        self.responses = responses
        self.body = body
        self.error = error
    }

    /// The last real (not 1xx) response: the one whose body was collected.
    public var finalHeaders: ResponseHeaders? {
        responses.last(where: { !$0.isInformational })
    }

    /// The redirects the request went through.
    public var redirects: RedirectChain {
        RedirectChain(start: requestURL, responses: responses)
    }
}
