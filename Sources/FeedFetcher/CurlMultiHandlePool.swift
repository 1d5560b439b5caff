import Foundation

/// Multi handles left by finished passes, kept so the next pass reuses their
/// open connections and DNS cache instead of starting cold.
///
/// `@unchecked Sendable`: the array is only touched under `lock`, and a
/// handle is used by one pass (one thread) at a time: taken out, driven,
/// put back. libcurl allows a handle to move between threads that way.
final class CurlMultiHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlMultiHandle] = []
    /// More would only hold idle connections open; concurrent passes are rare.
    private let capacity = 2

    /// An idle handle, or a new one built by `make`.
    func take(orMake make: () throws(CurlError) -> CurlMultiHandle) throws(CurlError)
        -> CurlMultiHandle
    {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        return try make()
    }

    /// Hands back a handle with no transfers attached.
    func putBack(_ handle: CurlMultiHandle) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < capacity { idle.append(handle) }
    }
}
