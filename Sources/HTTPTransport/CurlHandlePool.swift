import Foundation

/// libcurl handles left by finished work, kept so the next use reuses their
/// open connections, DNS cache and TLS sessions instead of starting cold:
/// transfer groups between fetch passes, easy handles between one-off requests.
///
/// `@unchecked Sendable`: `idle` is only touched under `lock`, and a handle
/// leaves it for one thread at a time (libcurl allows a handle to move so).
final class CurlHandlePool<Handle: AnyObject>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Handle] = []
    private let capacity: Int

    /// - Parameter capacity: idle handles kept at most; more would only hold connections open.
    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle, or a new one built by `make`.
    func take<Failure: Error>(orMake make: () throws(Failure) -> Handle) throws(Failure) -> Handle {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        return try make()
    }

    /// Hands back a handle with no transfer in progress.
    func putBack(_ handle: Handle) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < capacity { idle.append(handle) }
    }
}
