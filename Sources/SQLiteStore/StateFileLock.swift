import Foundation
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on the state database file itself, held while this value lives.
///
/// On the database, not on a sibling lock file: a lock file is easily
/// deleted as clean-up after a crash, and a second monitor would then lock
/// a fresh file and write the same log beside the first. A lock on the
/// database lasts as long as the state does.
///
/// It is an open-file-description lock (Linux `F_OFD_SETLK`) on one byte far
/// past anything SQLite writes or locks (SQLite's own locks are POSIX record
/// locks near 1 GiB), so the two never meet; unlike a POSIX record lock it
/// belongs to this descriptor, so SQLite closing one of its own descriptors
/// cannot release it, and it conflicts with a second lock taken in this very
/// process. Where there are no such locks (not Linux), `flock` on the
/// database stands in.
final class StateFileLock {
    let path: String
    private let descriptor: Int32

    /// F_OFD_SETLK of Linux's fcntl.h, which Swift does not import (it needs _GNU_SOURCE).
    private static let openFileDescriptionSetLock: Int32 = 37
    /// The byte locked: 2^46, past any database this program will write.
    private static let lockedByte: Int64 = 1 << 46

    /// Takes the lock at once or throws `StoreError.locked`; it never waits.
    init(databasePath: String) throws(StoreError) {
        path = databasePath
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard Self.lock(opened) == 0 else {
            let failure = errno
            close(opened)
            if failure == EWOULDBLOCK || failure == EAGAIN || failure == EACCES {
                throw .locked(path: databasePath)
            }
            throw .cannotOpen(
                path: path, reason: "cannot lock: \(String(cString: strerror(failure)))")
        }
        descriptor = opened
    }

    private static func lock(_ descriptor: Int32) -> Int32 {
        #if os(Linux)
            return setLock(descriptor, type: F_WRLCK)
        #else
            return flock(descriptor, LOCK_EX | LOCK_NB)
        #endif
    }

    #if os(Linux)
        private static func setLock(_ descriptor: Int32, type: Int32) -> Int32 {
            var region = flock()
            region.l_type = Int16(type)
            region.l_whence = Int16(SEEK_SET)
            region.l_start = __off_t(lockedByte)
            region.l_len = 1
            return fcntl(descriptor, openFileDescriptionSetLock, &region)
        }
    #endif

    deinit {
        // Unlocked before it is closed: a child process being started by
        // another thread holds a copy of the descriptor until its exec, and
        // the lock, which belongs to what both copies share, would outlive
        // this close and refuse the next store opened in this process.
        #if os(Linux)
            _ = Self.setLock(descriptor, type: F_UNLCK)
        #else
            _ = flock(descriptor, LOCK_UN)
        #endif
        close(descriptor)
    }
}
