import Foundation

/// How every request of an `HTTPClient` or a `TransferGroup` is made: the
/// limits a response must keep to and the `User-Agent`. The whole-exchange
/// timeout is the request's own (`HTTPRequest.timeout`).
public struct TransferOptions: Sendable, Equatable {
    /// Seconds to establish the connection, TLS included (0: libcurl's default of 300).
    public var connectTimeout: TimeInterval
    /// A larger body (after decompression) is cut off and the request fails with `.tooLarge`.
    public var maxSize: Int
    public var userAgent: String
    /// Redirects followed at most, when the request follows them; one more fails it.
    public var maxRedirects: Int
    /// A transfer slower than `lowSpeedLimit` bytes a second for `lowSpeedTime`
    /// seconds is aborted as timed out (libcurl averages over about 5 s, so a
    /// transfer that stalls after some data is caught a few seconds later).
    public var lowSpeedLimit: Int
    public var lowSpeedTime: TimeInterval

    public init(
        connectTimeout: TimeInterval = 10, maxSize: Int = 10 * 1024 * 1024,
        userAgent: String = "feedwatch/0.1", maxRedirects: Int = 5, lowSpeedLimit: Int = 1,
        lowSpeedTime: TimeInterval = 20
    ) {
        self.connectTimeout = connectTimeout
        self.maxSize = maxSize
        self.userAgent = userAgent
        self.maxRedirects = maxRedirects
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
    }
}
