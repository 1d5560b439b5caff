import Foundation

/// A body that arrived, with what the monitor records.
public struct FetchedBody: Sendable {
    public var status: Int
    /// Decoded (decompressed) bytes, at most `TransferOptions.maxSize`.
    public var bytes: Data
    /// The `Content-Type` header (with its parameters, e.g. `charset`).
    public var contentType: String?
    /// Where the body really came from, after redirects.
    public var effectiveURL: URL
    /// Set when the feed moved for good: the URL reached through the leading
    /// run of permanent redirects (301, 308). With only permanent hops that is
    /// `effectiveURL`; a temporary hop after them does not move the feed further.
    public var movedPermanently: URL?
    /// The response's validators, for the next conditional request.
    public var conditional: ConditionalRequest

    public init(
        status: Int, bytes: Data, contentType: String?, effectiveURL: URL,
        movedPermanently: URL? = nil, conditional: ConditionalRequest = ConditionalRequest()
    ) {
        self.status = status
        self.bytes = bytes
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.movedPermanently = movedPermanently
        self.conditional = conditional
    }
}
