import FeedModel
import Foundation
import PostgreSQLClient
import Store

/// The webhook outbox: deliveries survive restarts until delivered or dead.
extension PostgreSQLStateStore: DeliveryOutbox {
    static let deliveryColumns = """
        id, alert_id, sink, payload, attempts, next_attempt, expires_at, status, last_error,
        created_at, finished_at
        """

    @discardableResult
    public func enqueueDelivery(_ delivery: NewDelivery) throws(StoreError) -> Bool {
        try writing("queueing alert \(delivery.alertID) for sink \(delivery.sink)") {
            () throws(PostgreSQLError) in
            try insertDeliveries([delivery]) == 1
        }
    }

    public func redeliver(_ delivery: NewDelivery) throws(StoreError) {
        try writing("requeueing alert \(delivery.alertID) for sink \(delivery.sink)") {
            () throws(PostgreSQLError) in
            try connection.execute(
                """
                INSERT INTO alert_outbox (alert_id, sink, payload, attempts, next_attempt,
                    expires_at, status, created_at)
                VALUES ($1, $2, $3, 0, $4, $5, 'pending', $6)
                ON CONFLICT (alert_id, sink) DO UPDATE SET
                    payload = excluded.payload, next_attempt = excluded.next_attempt,
                    expires_at = excluded.expires_at, status = 'pending', finished_at = NULL
                """, newDeliveryValues(delivery))
            try insertNamedAlerts(of: delivery)
        }
    }

    public func dueDeliveries(now: Date, limit: Int) throws(StoreError) -> [OutboxDelivery] {
        try selectDeliveries(
            "reading due deliveries",
            "status = 'pending' AND next_attempt <= $1 ORDER BY next_attempt, id LIMIT $2",
            [.date(now), .integer(limit)])
    }

    public func deliveries(alertID: String) throws(StoreError) -> [OutboxDelivery] {
        try selectDeliveries(
            "reading deliveries of alert \(alertID)",
            """
            alert_id = $1 OR id IN (SELECT delivery FROM outbox_alert WHERE alert_id = $1)
            ORDER BY id
            """, [.text(alertID)])
    }

    public func sinksWithDueDeliveries(now: Date) throws(StoreError) -> [String] {
        try query(
            "finding the sinks with due deliveries",
            """
            SELECT DISTINCT sink FROM alert_outbox
            WHERE status = 'pending' AND next_attempt <= $1 ORDER BY sink
            """, [.date(now)]
        ) { row throws(PostgreSQLError) in try row.string(0) }
    }

    public func pendingDeliveries(sink: String, limit: Int) throws(StoreError)
        -> [OutboxDelivery]
    {
        try selectDeliveries(
            "reading the pending deliveries of sink \(sink)",
            "status = 'pending' AND sink = $1 ORDER BY id LIMIT $2",
            [.text(sink), .integer(limit)])
    }

    // Without a holder, an attempt is recorded only on a delivery no sender claims.
    public func markDelivered(id: Int64, at time: Date) throws(StoreError) {
        try markDelivered(id: id, claimedBy: nil, at: time)
    }

    public func markFailed(id: Int64, nextAttempt: Date, error: String) throws(StoreError) {
        try markFailed(id: id, claimedBy: nil, nextAttempt: nextAttempt, error: error)
    }

    public func markDead(id: Int64, reason: String, at time: Date) throws(StoreError) {
        try markDead(id: id, claimedBy: nil, reason: reason, at: time)
    }

    public func noteUnsentDeliveries(sink: String, now: Date, error: String) throws(StoreError) {
        try writing("noting why sink \(sink) was not sent to") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE alert_outbox SET last_error = $3
                WHERE status = 'pending' AND sink = $1 AND next_attempt <= $2
                """, [.text(sink), .date(now), .text(error)])
        }
    }

    @discardableResult
    public func expireDeliveries(now: Date) throws(StoreError) -> Int {
        try writing("expiring deliveries") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE alert_outbox
                SET status = 'dead', finished_at = $1,
                    last_error = 'expired after ' || attempts
                        || CASE attempts WHEN 1 THEN ' attempt' ELSE ' attempts' END
                        || coalesce(' (last error: ' || last_error || ')', '')
                WHERE status = 'pending' AND expires_at <= $1
                    AND (claimed_until IS NULL OR claimed_until <= $1)
                """, [.date(now)]
            ).affectedRowCount
        }
    }

    public func pendingDeliveryCount() throws(StoreError) -> Int {
        try query(
            "counting pending deliveries",
            "SELECT count(*) FROM alert_outbox WHERE status = 'pending'"
        ) { row throws(PostgreSQLError) in try row.int(0) }.first ?? 0
    }

    public func nextDeliveryTime() throws(StoreError) -> Date? {
        // A held digest is due when its period ends.
        try query(
            "finding the next delivery time",
            """
            SELECT least(
                (SELECT min(next_attempt) FROM alert_outbox WHERE status = 'pending'),
                (SELECT min(due) FROM digest_entry))
            """
        ) { row throws(PostgreSQLError) in try row.optionalDate(0) }.first ?? nil
    }

    public func deliveryCountsBySink() throws(StoreError) -> [String: DeliveryCounts] {
        let totals = try query(
            "counting deliveries by sink",
            "SELECT sink, status, count(*) FROM alert_outbox GROUP BY sink, status"
        ) { row throws(PostgreSQLError) in (try row.string(0), try row.string(1), try row.int(2)) }
        var counts: [String: DeliveryCounts] = [:]
        for (sink, status, count) in totals {
            switch DeliveryStatus(rawValue: status) {
            case .pending: counts[sink, default: DeliveryCounts()].pending += count
            case .delivered: counts[sink, default: DeliveryCounts()].delivered += count
            case .dead: counts[sink, default: DeliveryCounts()].dead += count
            // The CHECK constraint admits no other status.
            case nil: continue
            }
        }
        // The newest death of each sink (the later row breaks a tie of times).
        let deaths = try query(
            "reading the last dead delivery of each sink",
            """
            SELECT DISTINCT ON (sink) sink, alert_id, coalesce(last_error, ''), finished_at
            FROM alert_outbox WHERE status = 'dead'
            ORDER BY sink, finished_at DESC NULLS LAST, id DESC
            """
        ) { row throws(PostgreSQLError) in
            (
                try row.string(0),
                DeliveryCounts.Death(
                    alertID: try row.string(1), reason: try row.string(2),
                    time: try row.optionalDate(3))
            )
        }
        for (sink, death) in deaths { counts[sink, default: DeliveryCounts()].lastDeath = death }
        return counts
    }

    /// Counts one attempt on a pending delivery claimed by `holder` (or by
    /// nobody, when nil), ends the claim and applies `assignments` (whose
    /// parameters start at $3; $1 is the id, $2 the holder).
    func finishAttempt(
        id: Int64, claimedBy holder: String?, _ purpose: String, set assignments: String,
        _ values: [PostgreSQLValue]
    ) throws(StoreError) {
        let changed = try writing(purpose) { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE alert_outbox
                SET attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL,
                    \(assignments)
                WHERE id = $1 AND status = 'pending' AND claimed_by IS NOT DISTINCT FROM $2
                """, [.integer(id), .text(holder)] + values
            ).affectedRowCount
        }
        if changed == 0 {
            let claim = holder.map { "claimed by \($0)" } ?? "unclaimed"
            throw .invalidData(
                path: target, message: "\(purpose): no pending delivery \(claim) has id \(id)")
        }
    }

    private func selectDeliveries(
        _ purpose: String, _ condition: String, _ parameters: [PostgreSQLValue]
    ) throws(StoreError) -> [OutboxDelivery] {
        let rows = try query(
            purpose, "SELECT \(Self.deliveryColumns) FROM alert_outbox WHERE \(condition)",
            parameters, read: Self.readDelivery)
        return try deliveries(rows)
    }

    /// One row of `deliveryColumns`, its status still as text.
    static func readDelivery(_ row: PostgreSQLRow) throws(PostgreSQLError) -> (
        status: String, delivery: OutboxDelivery
    ) {
        (
            status: try row.string(7),
            delivery: OutboxDelivery(
                id: Int64(try row.int(0)), alertID: try row.string(1), sink: try row.string(2),
                payload: Data(try row.bytes(3)), attempts: try row.int(4),
                nextAttempt: try row.date(5), expiresAt: try row.date(6), status: .pending,
                lastError: row.optionalString(8), createdAt: try row.date(9),
                finishedAt: try row.optionalDate(10))
        )
    }

    /// The deliveries of rows `readDelivery` read, refusing an unknown status.
    func deliveries(_ rows: [(status: String, delivery: OutboxDelivery)]) throws(StoreError)
        -> [OutboxDelivery]
    {
        var deliveries: [OutboxDelivery] = []
        for row in rows {
            guard let status = DeliveryStatus(rawValue: row.status) else {
                throw .invalidData(
                    path: target,
                    message: "delivery \(row.delivery.id) has unknown status '\(row.status)'")
            }
            var delivery = row.delivery
            delivery.status = status
            deliveries.append(delivery)
        }
        return deliveries
    }
}
