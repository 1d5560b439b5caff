import Foundation
import Store

/// Copies the write-ahead log into the database file on a thread and
/// connection of its own, so that the thread committing a pass's feeds
/// never stops to do it: SQLite's automatic checkpoint ran inside the
/// commit that crossed 1,000 pages, a sixth of a first pass's store time.
///
/// A checkpoint here is SQLite's PASSIVE one, the same as the automatic
/// one: it copies what no reader still needs and syncs as
/// `synchronous = NORMAL` says, while the writer goes on appending, so the
/// promises do not change. It runs after commits, at most every
/// `interval`; the writer's own automatic checkpoint stays as a backstop,
/// at a size this one reaches only if it falls far behind.
final class WALCheckpointer: @unchecked Sendable {
    /// The writer's automatic checkpoint while this one runs: 16,000 pages (64 MB).
    static let backstopPages = 16_000

    // @unchecked Sendable is sound because `committed`, `stopped` and
    // `finished` are used only while `condition` is locked, and `database`
    // only by the thread once `init` has returned.
    private let condition = NSCondition()
    /// Held while a checkpoint runs: SQLite lets one run at a time, and
    /// refuses (does not wait for) a second.
    private let checkpointing = NSLock()
    private var committed = false
    private var stopped = false
    private var finished = false
    /// Closed by the thread as it ends, so that the writer's connection closes last.
    private var database: SQLiteDatabase?
    private let interval: TimeInterval

    /// Opens a second connection to the database at `path` and starts the thread.
    init(path: String, interval: TimeInterval = 0.05) throws(StoreError) {
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try database.execute("PRAGMA synchronous = NORMAL", purpose: "setting synchronous mode")
        self.database = database
        self.interval = interval
        Thread { [self] in checkpointUntilStopped() }.start()
    }

    /// Tells the thread that a transaction was committed.
    func noteCommit() {
        condition.lock()
        defer { condition.unlock() }
        committed = true
        condition.signal()
    }

    /// Runs `body` while no checkpoint runs here: for a checkpoint of the
    /// writer's own that must not be refused (`vacuum`'s TRUNCATE).
    func withoutCheckpoints<Result>(_ body: () throws(StoreError) -> Result) throws(StoreError)
        -> Result
    {
        checkpointing.lock()
        defer { checkpointing.unlock() }
        return try body()
    }

    /// Ends the thread, after the checkpoint it is making; the connection
    /// that closes last checkpoints what remains.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
    }

    private func checkpointUntilStopped() {
        while waitForCommit() {
            // A failed checkpoint (a reader holding the log, a busy lock) is
            // tried again after the next commit; the backstop bounds the log.
            checkpointing.withLock {
                _ = try? database?.execute(
                    "PRAGMA wal_checkpoint(PASSIVE)", purpose: "copying the log into the database")
            }
            // Commits that come meanwhile wait for the next round: one checkpoint per interval.
            Thread.sleep(forTimeInterval: interval)
        }
        database = nil
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a commit; false once stopped.
    private func waitForCommit() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !committed && !stopped { condition.wait() }
        committed = false
        return !stopped
    }
}
