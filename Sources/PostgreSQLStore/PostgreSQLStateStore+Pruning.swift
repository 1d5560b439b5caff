import Foundation
import PostgreSQLClient
import Store

/// Retention in the shared database: rows past their cutoff deleted a batch
/// per transaction, so that a prune never holds locks for long while other
/// monitors write. Every step stands alone, so two monitors pruning at once
/// each delete a share and both finish.
extension PostgreSQLStateStore: StatePruning {
    /// Rows deleted per transaction.
    static let pruneBatchSize = 5_000

    // SKIP LOCKED: rows another monitor is deleting (or writing) are left to it.
    private static var pruneSteps: [PruneStep] {
        [
            // Texts first, so that the items forgotten next do not count them twice.
            PruneStep(
                purpose: "dropping archived item texts",
                sql: """
                    DELETE FROM item_archive WHERE (feed, item_id) IN (
                        SELECT feed, item_id FROM item_archive WHERE first_seen < $1
                        LIMIT $2 FOR UPDATE SKIP LOCKED)
                    """,
                cutoff: \.archiveBefore, count: \.archivedItems),
            // Their archived texts, if any are left, go with them (ON DELETE CASCADE).
            PruneStep(
                purpose: "forgetting seen items absent from their feeds",
                sql: """
                    DELETE FROM seen_item WHERE (feed, item_id) IN (
                        SELECT feed, item_id FROM seen_item WHERE absent_since < $1
                        LIMIT $2 FOR UPDATE SKIP LOCKED)
                    """,
                cutoff: \.forgetAbsentBefore, count: \.seenItems),
            PruneStep(
                purpose: "dropping old stories",
                sql: """
                    DELETE FROM story WHERE id IN (
                        SELECT id FROM story WHERE first_seen < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
                    """,
                cutoff: \.storiesBefore, count: \.stories),
            // Pending deliveries are never dropped, however old.
            PruneStep(
                purpose: "dropping delivered and dead deliveries",
                sql: """
                    DELETE FROM alert_outbox WHERE id IN (
                        SELECT id FROM alert_outbox
                        WHERE status <> 'pending' AND finished_at < $1
                        LIMIT $2 FOR UPDATE SKIP LOCKED)
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
            try writing(step.purpose) { () throws(PostgreSQLError) in
                try connection.execute(
                    step.sql, [.date(cutoffs[keyPath: step.cutoff]), .integer(limit)]
                ).affectedRowCount
            }
        }
        guard result.complete else { return result }
        try writing("recording when prune ran") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                INSERT INTO maintenance (task, last_run) VALUES ('prune', $1)
                ON CONFLICT (task) DO UPDATE SET last_run = excluded.last_run
                """, [.date(time)])
        }
        return result
    }

    public func lastPruneTime() throws(StoreError) -> Date? {
        try query(
            "reading when prune last ran", "SELECT last_run FROM maintenance WHERE task = 'prune'"
        ) { row throws(PostgreSQLError) in try row.date(0) }.first
    }
}
