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
    /// How every transfer of the pass is made: connect timeout, size cap
    /// (a larger body fails the fetch with `.tooLarge`), User-Agent, redirects
    /// followed at most, and the low-speed limit.
    public var transfer: TransferOptions

    public init(
        concurrency: Int = 16, perHost: Int = 2, timeout: TimeInterval = 30,
        connectTimeout: TimeInterval = 10, maxSize: Int = 10 * 1024 * 1024,
        userAgent: String = "feedwatch/0.1", maxRedirects: Int = 5,
        lowSpeedLimit: Int = 1, lowSpeedTime: TimeInterval = 20
    ) {
        self.concurrency = concurrency
        self.perHost = perHost
        self.timeout = timeout
        transfer = TransferOptions(
            connectTimeout: connectTimeout, maxSize: maxSize, userAgent: userAgent,
            maxRedirects: maxRedirects, lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime)
    }
}
