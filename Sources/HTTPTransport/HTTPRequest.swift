import Foundation

/// A one-off HTTP request (a webhook POST, a sink test), sent with `HTTPClient.send`.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var url: URL
    /// Header fields in order; they replace libcurl's defaults of the same name.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// The whole exchange, connection to last byte.
    public var timeout: TimeInterval
    /// Webhooks are not redirected by default: a POST that lands elsewhere is a misconfiguration.
    public var followRedirects: Bool
    /// HTTP basic authentication, sent to the requested host only (never to
    /// another host a redirect leads to).
    public var login: HTTPLogin?
    /// The largest body accepted, over `TransferOptions.maxSize`, when set.
    public var maxSize: Int?
    /// A PEM file of the certificates to trust instead of the system's, or nil.
    public var caFile: String?

    public init(
        method: String = "GET", url: URL, headers: [(name: String, value: String)] = [],
        body: Data? = nil,
        timeout: TimeInterval = 30, followRedirects: Bool = false, login: HTTPLogin? = nil,
        maxSize: Int? = nil, caFile: String? = nil
    ) {
        self.caFile = caFile
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.followRedirects = followRedirects
        self.login = login
        self.maxSize = maxSize
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.timeout == rhs.timeout
            && lhs.followRedirects == rhs.followRedirects && lhs.login == rhs.login
            && lhs.maxSize == rhs.maxSize && lhs.caFile == rhs.caFile
            && lhs.headers.elementsEqual(
                rhs.headers, by: { $0.name == $1.name && $0.value == $1.value })
    }
}
