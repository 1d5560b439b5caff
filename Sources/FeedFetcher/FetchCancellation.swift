import Foundation

/// Lets another thread (a signal handler's, a reload's) stop a running
/// `FeedFetcher.fetch`: transfers in flight finish, queued ones end with
/// `.failed(.cancelled)`.
///
/// `@unchecked Sendable`: its only state, one flag, is read and written under `lock`.
public final class FetchCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
