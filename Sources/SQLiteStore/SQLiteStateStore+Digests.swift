import Foundation
import Store

/// Messages held for digest sinks, in `digest_entry` until their period ends.
extension SQLiteStateStore: DigestQueue {
    public func dueDigests(now: Date) throws(StoreError) -> [DigestBatch] {
        let rows = try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT id, sink, due, message_key, alert_ids, content, created_at
                FROM digest_entry WHERE due <= ? ORDER BY due, sink, id
                """,
                purpose: "reading the digests due"
            ) { statement throws(StoreError) in
                try statement.bind(now, at: 1)
                return try statement.rows { row throws(StoreError) in
                    let id = row.int64(at: 0)
                    guard let alertIDs = StringListColumn.decode(row.string(at: 4)) else {
                        throw StoreError.invalidData(
                            path: path, message: "digest entry \(id) has an unreadable alert list")
                    }
                    return (
                        sink: row.string(at: 1), due: row.date(at: 2),
                        entry: DigestBatch.Entry(
                            id: id, messageKey: row.string(at: 3), alertIDs: alertIDs,
                            content: row.data(at: 5), createdAt: row.date(at: 6))
                    )
                }
            }
        }
        return DigestBatch.grouping(rows)
    }

    public func foldDigest(entryIDs: [Int64], into delivery: NewDelivery) throws(StoreError) {
        let purpose = "queueing the digest \(delivery.alertID) for sink \(delivery.sink)"
        try writing(purpose: purpose) { () throws(StoreError) in
            try insertDeliveries([delivery])
            try database.withStatement(
                "DELETE FROM digest_entry WHERE id = ?", purpose: purpose
            ) { statement throws(StoreError) in
                for id in entryIDs {
                    statement.reset()
                    try statement.bind(id, at: 1)
                    try statement.run()
                }
            }
        }
    }

    public func heldDigestEntryCount() throws(StoreError) -> Int {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM digest_entry", purpose: "counting messages held for digests"
            ) { statement throws(StoreError) in
                try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    /// Holds messages inside the caller's transaction; one already held is left as it is.
    func insertDigestEntries(_ entries: [NewDigestEntry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try database.withStatement(
            """
            INSERT INTO digest_entry (sink, message_key, alert_ids, due, content, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (message_key, sink) DO NOTHING
            """,
            purpose: "holding messages for digests"
        ) { statement throws(StoreError) in
            for entry in entries {
                statement.reset()
                try statement.bind(entry.sink, at: 1)
                try statement.bind(entry.messageKey, at: 2)
                try statement.bind(StringListColumn.encode(entry.alertIDs), at: 3)
                try statement.bind(entry.due, at: 4)
                try statement.bind(entry.content, at: 5)
                try statement.bind(entry.createdAt, at: 6)
                try statement.run()
            }
        }
    }
}
