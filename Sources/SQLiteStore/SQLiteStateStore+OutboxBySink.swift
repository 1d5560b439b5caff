import Foundation
import Store

/// The outbox seen one sink at a time: a webhook dispatcher sends each sink's
/// deliveries in the order they were queued, so it reads them per sink.
extension SQLiteStateStore {
    /// The sinks with at least one pending delivery due at `now`, by name.
    public func sinksWithDueDeliveries(now: Date) throws(StoreError) -> [String] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT DISTINCT sink FROM alert_outbox
                WHERE status = 'pending' AND next_attempt <= ? ORDER BY sink
                """,
                purpose: "finding the sinks with due deliveries"
            ) { statement throws(StoreError) in
                try statement.bind(now, at: 1)
                return try statement.rows { row throws(StoreError) in row.string(at: 0) }
            }
        }
    }

    /// The pending deliveries of `sink` in queue order (oldest first), due or
    /// not: a delivery waiting for its retry holds back the ones queued after it.
    public func pendingDeliveries(sink: String, limit: Int) throws(StoreError)
        -> [OutboxDelivery]
    {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT \(Self.deliveryColumns) FROM alert_outbox
                WHERE status = 'pending' AND sink = ? ORDER BY id LIMIT ?
                """,
                purpose: "reading the pending deliveries of sink \(sink)"
            ) { statement throws(StoreError) in
                try statement.bind(sink, at: 1)
                try statement.bind(limit, at: 2)
                return try statement.rows { row throws(StoreError) in try readDelivery(row) }
            }
        }
    }

    /// Records why the due deliveries of `sink` were not attempted (its secret
    /// is missing), without counting an attempt: they stay pending and due.
    public func noteUnsentDeliveries(sink: String, now: Date, error: String) throws(StoreError) {
        try writing(purpose: "noting why sink \(sink) was not sent to") { () throws(StoreError) in
            try database.withStatement(
                """
                UPDATE alert_outbox SET last_error = ?3
                WHERE status = 'pending' AND sink = ?1 AND next_attempt <= ?2
                """,
                purpose: "noting why sink \(sink) was not sent to"
            ) { statement throws(StoreError) in
                try statement.bind(sink, at: 1)
                try statement.bind(now, at: 2)
                try statement.bind(error, at: 3)
                try statement.run()
            }
        }
    }

    /// Deliveries per sink and state, including sinks no longer configured.
    public func deliveryCountsBySink() throws(StoreError) -> [String: DeliveryCounts] {
        try serialized { () throws(StoreError) in
            var counts = try database.withStatement(
                "SELECT sink, status, count(*) FROM alert_outbox GROUP BY sink, status",
                purpose: "counting deliveries by sink"
            ) { statement throws(StoreError) in
                var counts: [String: DeliveryCounts] = [:]
                while try statement.step() {
                    let sink = statement.string(at: 0)
                    let count = statement.int(at: 2)
                    switch DeliveryStatus(rawValue: statement.string(at: 1)) {
                    case .pending: counts[sink, default: DeliveryCounts()].pending += count
                    case .delivered: counts[sink, default: DeliveryCounts()].delivered += count
                    case .dead: counts[sink, default: DeliveryCounts()].dead += count
                    // The CHECK constraint admits no other status.
                    case nil: continue
                    }
                }
                return counts
            }
            // The newest death of each sink (the later row breaks a tie of times).
            try database.withStatement(
                """
                SELECT sink, alert_id, reason, finished_at FROM (
                    SELECT sink, alert_id, coalesce(last_error, '') AS reason, finished_at,
                        row_number() OVER (
                            PARTITION BY sink ORDER BY finished_at DESC, id DESC) AS newest
                    FROM alert_outbox WHERE status = 'dead')
                WHERE newest = 1
                """,
                purpose: "reading the last dead delivery of each sink"
            ) { statement throws(StoreError) in
                while try statement.step() {
                    counts[statement.string(at: 0), default: DeliveryCounts()].lastDeath =
                        DeliveryCounts.Death(
                            alertID: statement.string(at: 1), reason: statement.string(at: 2),
                            time: statement.optionalDate(at: 3))
                }
            }
            return counts
        }
    }
}
