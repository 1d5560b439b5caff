import Foundation
import HTTPTransport

/// Limits and politeness settings for a pass.
public struct FetchOptions: Sendable, Equatable {
    /// Transfers in flight at once, over all hosts.
    public var concurrency: Int
    /// Transfers (and connections) in flight at once to one host and port.
    public var perHost: Int
    /// The whole transfer, connection to last byte, in seconds (0: none).
    public var timeout: TimeInterval
    /// Seconds to establish the connection, TLS included (0: libcurl's default of 300).
    public var connectTimeout: TimeInterval
    /// A larger body (after decompression) is cut off and the fetch fails with `.tooLarge`.
    public var maxSize: Int
    public var userAgent: String
    /// Redirects followed at most; one more fails the fetch.
    public var maxRedirects: Int
    /// A transfer slower than `lowSpeedLimit` bytes a second for `lowSpeedTime`
    /// seconds is aborted as timed out (libcurl averages over about 5 s, so a
    /// transfer that stalls after some data is caught a few seconds later).
    public var lowSpeedLimit: Int
    public var lowSpeedTime: TimeInterval

    public init(
        concurrency: Int = 16, perHost: Int = 2, timeout: TimeInterval = 30,
        connectTimeout: TimeInterval = 10, maxSize: Int = 10 * 1024 * 1024,
        userAgent: String = "feedwatch/0.1", maxRedirects: Int = 5,
        lowSpeedLimit: Int = 1, lowSpeedTime: TimeInterval = 20
    ) {
        self.concurrency = concurrency
        self.perHost = perHost
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxSize = maxSize
        self.userAgent = userAgent
        self.maxRedirects = maxRedirects
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
    }

    /// What every transfer of the pass is made with (the timeout is each request's own).
    var transferOptions: TransferOptions {
        TransferOptions(
            connectTimeout: connectTimeout, maxSize: maxSize, userAgent: userAgent,
            maxRedirects: maxRedirects, lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime)
    }
}
