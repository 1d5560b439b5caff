import Foundation
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive advisory lock on `<database>.lock`, held while this value lives.
///
/// A sibling file rather than the database itself: SQLite takes its own POSIX
/// locks on the database, and mixing `flock` with them on one file is fragile.
/// The lock file is never deleted, because deleting it would let a second
/// process lock a fresh inode while the first still holds the old one.
final class StateFileLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock at once or throws `StoreError.locked`; it never waits.
    init(databasePath: String) throws(StoreError) {
        path = databasePath + ".lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            close(opened)
            if failure == EWOULDBLOCK {
                throw .locked(path: databasePath)
            }
            throw .cannotOpen(
                path: path, reason: "cannot lock: \(String(cString: strerror(failure)))")
        }
        descriptor = opened
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(descriptor)
    }
}
