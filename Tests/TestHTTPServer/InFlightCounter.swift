import Foundation

/// Counts handlers running at once, across servers and clients. A handler
/// is counted until just before its answer is written, so a client that
/// starts its next request once it has the answer is never counted twice.
public final class InFlightCounter: @unchecked Sendable {
    // Guarded by `lock`: handlers run on the servers' connection threads.
    private let lock = NSLock()
    private var current = 0
    private var highest = 0

    public init() {}

    /// The most handlers that ran at once.
    public var maximum: Int {
        lock.lock()
        defer { lock.unlock() }
        return highest
    }

    /// A handler that holds its slot for `seconds` (a slow server), then gives `answer`.
    public func handler(holding seconds: TimeInterval, answer: ScriptedResponse)
        -> TestHTTPServer.Handler
    {
        { [self] _ in
            lock.lock()
            current += 1
            highest = max(highest, current)
            lock.unlock()
            Thread.sleep(forTimeInterval: seconds)
            lock.lock()
            current -= 1
            lock.unlock()
            return answer
        }
    }
}
