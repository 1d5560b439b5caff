import Foundation

/// One kind of row retention drops: the backend's statement that deletes a
/// batch of its rows older than the cutoff, and the count it adds to.
public struct PruneStep: Sendable {
    public let purpose: String
    /// The statement, in the backend's dialect: its first parameter is the
    /// cutoff, its second the most rows to delete.
    public let sql: String
    public let cutoff: KeyPath<RetentionCutoffs, Date> & Sendable
    public let count: WritableKeyPath<PruneResult, Int> & Sendable

    public init(
        purpose: String, sql: String, cutoff: KeyPath<RetentionCutoffs, Date> & Sendable,
        count: WritableKeyPath<PruneResult, Int> & Sendable
    ) {
        self.purpose = purpose
        self.sql = sql
        self.cutoff = cutoff
        self.count = count
    }
}

/// The loop every backend prunes with: each kind of row in turn, a batch per
/// transaction, until a batch comes back short or the row limit is spent.
public enum PruneLoop {
    /// Runs `deleteBatch(step, limit)`, which deletes up to `limit` rows of
    /// the step's kind and returns how many. The result is incomplete when
    /// the row limit stopped it.
    public static func run(
        _ steps: [PruneStep], batchSize: Int, rowLimit: Int?,
        deleteBatch: (PruneStep, Int) throws(StoreError) -> Int
    ) throws(StoreError) -> PruneResult {
        var result = PruneResult()
        var budget = rowLimit ?? Int.max
        for step in steps {
            while true {
                guard budget > 0 else {
                    result.complete = false
                    return result
                }
                let batch = min(batchSize, budget)
                let deleted = try deleteBatch(step, batch)
                result[keyPath: step.count] += deleted
                budget -= deleted
                if deleted < batch { break }
            }
        }
        return result
    }
}
