import HTTPTransport

/// The validators of a previous response, sent back as If-None-Match / If-Modified-Since.
public struct ConditionalRequest: Sendable, Equatable {
    /// The `ETag` response header, verbatim (quotes and `W/` included).
    public var etag: String?
    /// The `Last-Modified` response header, verbatim.
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when there is nothing to send.
    public var isEmpty: Bool { etag == nil && lastModified == nil }

    /// The request header fields that make a GET conditional.
    public var requestHeaders: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        if let etag, !etag.isEmpty { fields.append(("If-None-Match", etag)) }
        if let lastModified, !lastModified.isEmpty {
            fields.append(("If-Modified-Since", lastModified))
        }
        return fields
    }

    /// The validators a response carries (nil fields when it has none).
    public init(responseHeaders headers: ResponseHeaders) {
        self.init(etag: headers["ETag"], lastModified: headers["Last-Modified"])
    }
}
