import Foundation

extension DigestBatch {
    /// Held messages in order of period end and sink, grouped into one batch
    /// per sink and period end, in the same order: how a backend turns the
    /// rows it read into `dueDigests`.
    public static func grouping(_ rows: [(sink: String, due: Date, entry: Entry)]) -> [DigestBatch]
    {
        var batches: [DigestBatch] = []
        for row in rows {
            if let last = batches.last, last.sink == row.sink, last.due == row.due {
                batches[batches.count - 1].entries.append(row.entry)
            } else {
                batches.append(DigestBatch(sink: row.sink, due: row.due, entries: [row.entry]))
            }
        }
        return batches
    }
}
