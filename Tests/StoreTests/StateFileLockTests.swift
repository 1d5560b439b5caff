import Foundation
import Store
import Testing

@testable import SQLiteStore

@Suite struct StateFileLockTests {
    /// Starts child processes one after another on a thread of its own until stopped.
    final class ProcessStarter: @unchecked Sendable {
        // @unchecked Sendable is sound because every variable is used only under `condition`.
        private let condition = NSCondition()
        private var stopped = false
        private var finished = false
        private var started = 0
        private var failure: String?

        func start() {
            Thread { [self] in
                while !condition.withLock({ stopped }) {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: "/bin/true")
                    do {
                        try process.run()
                    } catch {
                        condition.withLock { failure = "\(error)" }
                        break
                    }
                    process.waitUntilExit()
                    condition.withLock { started += 1 }
                }
                condition.withLock {
                    finished = true
                    condition.broadcast()
                }
            }.start()
        }

        /// How many processes have been started, and why none could be.
        var progress: (started: Int, failure: String?) { condition.withLock { (started, failure) } }

        /// Stops the thread, once its last process has ended.
        func stop() {
            condition.lock()
            defer { condition.unlock() }
            stopped = true
            while !finished { condition.wait() }
        }
    }

    /// A child process started by another thread holds a copy of the lock's
    /// descriptor until its exec: a store closed and opened again in this
    /// process must not be refused meanwhile.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/true")))
    func aReleasedLockCanBeTakenAgainAtOnceWhileProcessesAreStarted() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("feedwatch.db")
        let starter = ProcessStarter()
        starter.start()
        defer { starter.stop() }

        var taken = 0
        var refused = 0
        // Thousands of locks a process, for as many processes as it takes.
        while starter.progress.started < 100, starter.progress.failure == nil {
            do {
                _ = try StateFileLock(databasePath: path)
                taken += 1
            } catch {
                refused += 1
            }
        }

        #expect(starter.progress.failure == nil)
        #expect(taken > 0)
        #expect(refused == 0, "\(taken) taken")
    }
}
