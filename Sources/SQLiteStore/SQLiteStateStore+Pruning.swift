import Foundation
import Store

/// Retention over the SQLite file: rows past their cutoff deleted a batch
/// per transaction, so that a prune of a day's worth of a large desk never
/// holds the write lock, or grows the write-ahead log, for long. The pages
/// freed are reused by the rows that come next, which is what makes the
/// file level off; `vacuum` gives them back to the file system.
extension SQLiteStateStore: StatePruning {
    /// Rows deleted per transaction.
    static let pruneBatchSize = 5_000

    private static var pruneSteps: [PruneStep] {
        [
            // Texts first, so that the items forgotten next do not count them twice.
            PruneStep(
                purpose: "dropping archived item texts",
                sql: """
                    DELETE FROM item_archive WHERE rowid IN (
                        SELECT rowid FROM item_archive WHERE first_seen < ?1 LIMIT ?2)
                    """,
                cutoff: \.archiveBefore, count: \.archivedItems),
            // Their archived texts, if any are left, go with them (ON DELETE CASCADE).
            PruneStep(
                purpose: "forgetting seen items absent from their feeds",
                sql: """
                    DELETE FROM seen_item WHERE (feed, item_id) IN (
                        SELECT feed, item_id FROM seen_item WHERE absent_since < ?1 LIMIT ?2)
                    """,
                cutoff: \.forgetAbsentBefore, count: \.seenItems),
            PruneStep(
                purpose: "dropping old stories",
                sql: """
                    DELETE FROM story WHERE rowid IN (
                        SELECT rowid FROM story WHERE first_seen < ?1 LIMIT ?2)
                    """,
                cutoff: \.storiesBefore, count: \.stories),
            // Pending deliveries are never dropped, however old.
            PruneStep(
                purpose: "dropping delivered and dead deliveries",
                sql: """
                    DELETE FROM alert_outbox WHERE id IN (
                        SELECT id FROM alert_outbox
                        WHERE status <> 'pending' AND finished_at < ?1 LIMIT ?2)
                    """,
                cutoff: \.finishedDeliveriesBefore, count: \.deliveries),
        ]
    }

    @discardableResult
    public func prune(_ cutoffs: RetentionCutoffs, at time: Date, rowLimit: Int?) throws(StoreError)
        -> PruneResult
    {
        let result = try PruneLoop.run(
            Self.pruneSteps, batchSize: Self.pruneBatchSize, rowLimit: rowLimit
        ) { step, limit throws(StoreError) in
            try deleteBatch(step, before: cutoffs[keyPath: step.cutoff], limit: limit)
        }
        guard result.complete else { return result }
        try recordMaintenance(task: "prune", at: time)
        return result
    }

    public func lastPruneTime() throws(StoreError) -> Date? {
        try serialized { () throws(StoreError) in try lastRun(task: "prune") }
    }

    private func deleteBatch(_ step: PruneStep, before cutoff: Date, limit: Int) throws(StoreError)
        -> Int
    {
        try writing(purpose: step.purpose) { () throws(StoreError) in
            try database.withStatement(step.sql, purpose: step.purpose) {
                statement throws(StoreError) in
                try statement.bind(cutoff, at: 1)
                try statement.bind(limit, at: 2)
                try statement.run()
                return database.changedRowCount
            }
        }
    }

    private func recordMaintenance(task: String, at time: Date) throws(StoreError) {
        try writing(purpose: "recording when \(task) ran") { () throws(StoreError) in
            try database.withStatement(
                """
                INSERT INTO maintenance (task, last_run) VALUES (?1, ?2)
                ON CONFLICT (task) DO UPDATE SET last_run = excluded.last_run
                """, purpose: "recording when \(task) ran"
            ) { statement throws(StoreError) in
                try statement.bind(task, at: 1)
                try statement.bind(time, at: 2)
                try statement.run()
            }
        }
    }
}
