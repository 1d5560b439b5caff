import Foundation

/// Retention: dropping what the state no longer needs, so that it stops
/// growing once a desk's feeds have run for longer than the longest cutoff.
///
/// Every removal is of rows that are past keeping on their own, so a prune
/// may stop anywhere (a row limit, a crash) and be taken up again: each step
/// stands alone. The time of the last complete prune is kept in the state,
/// so that `poll` from cron knows when the next is due.
public protocol StatePruning: Sendable {
    /// Removes what is older than `cutoffs`, at most about `rowLimit` rows
    /// (nil: all of it), in steps of bounded size so that a long prune never
    /// holds the state for long. When everything due is removed, records
    /// `time` as the last prune.
    @discardableResult
    func prune(_ cutoffs: RetentionCutoffs, at time: Date, rowLimit: Int?) throws(StoreError)
        -> PruneResult

    /// When the last complete prune ran, or nil if none has.
    func lastPruneTime() throws(StoreError) -> Date?
}

extension StatePruning {
    /// Removes everything `cutoffs` says is past keeping.
    @discardableResult
    public func prune(_ cutoffs: RetentionCutoffs, at time: Date) throws(StoreError) -> PruneResult
    {
        try prune(cutoffs, at: time, rowLimit: nil)
    }
}
