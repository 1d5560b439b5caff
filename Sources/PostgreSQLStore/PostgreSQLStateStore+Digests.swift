import Foundation
import PostgreSQLClient
import Store

/// Messages held for digest sinks until their period ends.
extension PostgreSQLStateStore: DigestQueue {
    public func dueDigests(now: Date) throws(StoreError) -> [DigestBatch] {
        let rows = try query(
            "reading the digests due",
            """
            SELECT id, sink, due, message_key, alert_ids, content, created_at
            FROM digest_entry WHERE due <= $1 ORDER BY due, sink, id
            """, [.date(now)]
        ) { row throws(PostgreSQLError) in
            (
                sink: try row.string(1), due: try row.date(2),
                entry: DigestBatch.Entry(
                    id: Int64(try row.int(0)), messageKey: try row.string(3),
                    alertIDs: try row.textArray(4), content: Data(try row.bytes(5)),
                    createdAt: try row.date(6))
            )
        }
        return DigestBatch.grouping(rows)
    }

    /// Two senders may fold the same period at once, having read its entries
    /// a moment apart: the entries are locked first, and a sender that finds
    /// any of its entries already folded (gone, once the other committed)
    /// folds nothing, so no entry is sent in two digests; what it left is
    /// folded by the next round.
    public func foldDigest(entryIDs: [Int64], into delivery: NewDelivery) throws(StoreError) {
        try writing("queueing the digest \(delivery.alertID) for sink \(delivery.sink)") {
            () throws(PostgreSQLError) in
            let ids = PostgreSQLValue.textArray(entryIDs.map { String($0) })
            let held = try connection.execute(
                "SELECT id FROM digest_entry WHERE id = ANY ($1::bigint[]) FOR UPDATE", [ids])
            guard held.count == Set(entryIDs).count else { return }
            try insertDeliveries([delivery])
            try connection.execute("DELETE FROM digest_entry WHERE id = ANY ($1::bigint[])", [ids])
        }
    }

    public func heldDigestEntryCount() throws(StoreError) -> Int {
        try query("counting messages held for digests", "SELECT count(*) FROM digest_entry") {
            row throws(PostgreSQLError) in try row.int(0)
        }.first ?? 0
    }
}
