import Foundation
import Store

/// The webhook outbox: deliveries survive restarts until delivered or dead.
extension SQLiteStateStore: DeliveryOutbox {
    static let deliveryColumns = """
        id, alert_id, sink, payload, attempts, next_attempt, expires_at, status, last_error,
        created_at, finished_at
        """

    /// Queues a delivery. Returns false, changing nothing, when the same alert
    /// is already queued (or was delivered) for the same sink.
    @discardableResult
    public func enqueueDelivery(_ delivery: NewDelivery) throws(StoreError) -> Bool {
        try writing(purpose: "queueing alert \(delivery.alertID) for sink \(delivery.sink)") {
            () throws(StoreError) in
            try insertDeliveries([delivery]) == 1
        }
    }

    /// Queues an alert again for a sink even if it was delivered or dead
    /// (`feedwatch alerts redeliver`): the row goes back to pending with no
    /// attempts, keeping its alert id, so the receiver sees the same idempotency key.
    public func redeliver(_ delivery: NewDelivery) throws(StoreError) {
        try writing(purpose: "requeueing alert \(delivery.alertID) for sink \(delivery.sink)") {
            () throws(StoreError) in
            try database.withStatement(
                """
                INSERT INTO alert_outbox (alert_id, sink, payload, attempts, next_attempt, expires_at,
                    status, created_at)
                VALUES (?1, ?2, ?3, 0, ?4, ?5, 'pending', ?6)
                ON CONFLICT (alert_id, sink) DO UPDATE SET
                    payload = excluded.payload, next_attempt = excluded.next_attempt,
                    expires_at = excluded.expires_at, status = 'pending', finished_at = NULL
                """,
                purpose: "requeueing alert \(delivery.alertID) for sink \(delivery.sink)"
            ) { statement throws(StoreError) in
                try bindNewDelivery(delivery, to: statement)
                try statement.run()
            }
            try insertNamedAlerts(of: [delivery])
        }
    }

    /// Pending deliveries whose next attempt is at or before `now`, the most overdue first.
    /// Expired ones are included: the caller gives them up with `markDead` or `expireDeliveries`.
    public func dueDeliveries(now: Date, limit: Int) throws(StoreError) -> [OutboxDelivery] {
        try selectDeliveries(
            where: "status = 'pending' AND next_attempt <= ? ORDER BY next_attempt, id LIMIT ?",
            purpose: "reading due deliveries"
        ) { statement throws(StoreError) in
            try statement.bind(now, at: 1)
            try statement.bind(limit, at: 2)
        }
    }

    /// Every delivery of one alert, for `alerts show` and the tests.
    public func deliveries(alertID: String) throws(StoreError) -> [OutboxDelivery] {
        try selectDeliveries(
            where: """
                alert_id = ?1 OR id IN (SELECT delivery FROM outbox_alert WHERE alert_id = ?1)
                ORDER BY id
                """,
            purpose: "reading deliveries of alert \(alertID)"
        ) {
            statement throws(StoreError) in
            try statement.bind(alertID, at: 1)
        }
    }

    /// Records a successful attempt.
    public func markDelivered(id: Int64, at time: Date) throws(StoreError) {
        try finishAttempt(
            id: id, purpose: "marking delivery \(id) delivered",
            set: "status = 'delivered', finished_at = ?2, last_error = NULL"
        ) { statement throws(StoreError) in
            try statement.bind(time, at: 2)
        }
    }

    /// Records a failed attempt; the delivery stays pending until `nextAttempt`.
    public func markFailed(id: Int64, nextAttempt: Date, error: String) throws(StoreError) {
        try finishAttempt(
            id: id, purpose: "recording a failed attempt of delivery \(id)",
            set: "next_attempt = ?2, last_error = ?3"
        ) { statement throws(StoreError) in
            try statement.bind(nextAttempt, at: 2)
            try statement.bind(error, at: 3)
        }
    }

    /// Records a final, failed attempt (a 4xx, or one made after expiry): the delivery is dead.
    public func markDead(id: Int64, reason: String, at time: Date) throws(StoreError) {
        try finishAttempt(
            id: id, purpose: "marking delivery \(id) dead",
            set: "status = 'dead', last_error = ?2, finished_at = ?3"
        ) { statement throws(StoreError) in
            try statement.bind(reason, at: 2)
            try statement.bind(time, at: 3)
        }
    }

    /// Gives up, without another attempt, every pending delivery expired at `now`.
    /// Returns how many died.
    @discardableResult
    public func expireDeliveries(now: Date) throws(StoreError) -> Int {
        try writing(purpose: "expiring deliveries") { () throws(StoreError) in
            try database.withStatement(
                """
                UPDATE alert_outbox
                SET status = 'dead', finished_at = ?1,
                    last_error = 'expired after ' || attempts
                        || CASE attempts WHEN 1 THEN ' attempt' ELSE ' attempts' END
                        || coalesce(' (last error: ' || last_error || ')', '')
                WHERE status = 'pending' AND expires_at <= ?1
                """,
                purpose: "expiring deliveries"
            ) { statement throws(StoreError) in
                try statement.bind(now, at: 1)
                try statement.run()
                return database.changedRowCount
            }
        }
    }

    /// How many deliveries wait in the outbox.
    public func pendingDeliveryCount() throws(StoreError) -> Int {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM alert_outbox WHERE status = 'pending'",
                purpose: "counting pending deliveries"
            ) { statement throws(StoreError) in
                try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    /// When the earliest pending delivery is due, so a scheduler knows how long it may sleep.
    public func nextDeliveryTime() throws(StoreError) -> Date? {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                // A held digest is due when its period ends.
                """
                SELECT min(time) FROM (
                    SELECT min(next_attempt) AS time FROM alert_outbox WHERE status = 'pending'
                    UNION ALL SELECT min(due) FROM digest_entry)
                """,
                purpose: "finding the next delivery time"
            ) { statement throws(StoreError) in
                try statement.step() ? statement.optionalDate(at: 0) : nil
            }
        }
    }

    /// Inserts inside the caller's transaction; returns how many were new.
    @discardableResult
    func insertDeliveries(_ deliveries: [NewDelivery]) throws(StoreError) -> Int {
        guard !deliveries.isEmpty else { return 0 }
        return try database.withStatement(
            """
            INSERT INTO alert_outbox (alert_id, sink, payload, attempts, next_attempt, expires_at,
                status, created_at)
            VALUES (?, ?, ?, 0, ?, ?, 'pending', ?)
            ON CONFLICT (alert_id, sink) DO NOTHING
            """,
            purpose: "queueing deliveries"
        ) { statement throws(StoreError) in
            var inserted = 0
            for delivery in deliveries {
                statement.reset()
                try bindNewDelivery(delivery, to: statement)
                try statement.run()
                inserted += database.changedRowCount
            }
            try insertNamedAlerts(of: deliveries)
            return inserted
        }
    }

    /// Records which alerts each delivery's message names, inside the caller's transaction.
    private func insertNamedAlerts(of deliveries: [NewDelivery]) throws(StoreError) {
        try database.withStatement(
            """
            INSERT INTO outbox_alert (delivery, alert_id)
            SELECT id, ?3 FROM alert_outbox WHERE alert_id = ?1 AND sink = ?2
            ON CONFLICT DO NOTHING
            """,
            purpose: "recording the alerts of queued deliveries"
        ) { statement throws(StoreError) in
            for delivery in deliveries {
                for alertID in delivery.alertIDs {
                    statement.reset()
                    try statement.bind(delivery.alertID, at: 1)
                    try statement.bind(delivery.sink, at: 2)
                    try statement.bind(alertID, at: 3)
                    try statement.run()
                }
            }
        }
    }

    /// Binds the six columns of a new row, in the order both INSERTs list them.
    private func bindNewDelivery(_ delivery: NewDelivery, to statement: SQLiteStatement)
        throws(StoreError)
    {
        try statement.bind(delivery.alertID, at: 1)
        try statement.bind(delivery.sink, at: 2)
        try statement.bind(delivery.payload, at: 3)
        try statement.bind(delivery.firstAttempt, at: 4)
        try statement.bind(delivery.expiresAt, at: 5)
        try statement.bind(delivery.createdAt, at: 6)
    }

    /// Counts one attempt on a pending delivery and applies `assignments`
    /// (whose parameters start at ?2; ?1 is the id).
    private func finishAttempt(
        id: Int64, purpose: String, set assignments: String,
        bind: (SQLiteStatement) throws(StoreError) -> Void
    ) throws(StoreError) {
        try writing(purpose: purpose) { () throws(StoreError) in
            try database.withStatement(
                "UPDATE alert_outbox SET attempts = attempts + 1, \(assignments) WHERE id = ?1 AND status = 'pending'",
                purpose: purpose
            ) { statement throws(StoreError) in
                try statement.bind(id, at: 1)
                try bind(statement)
                try statement.run()
                if database.changedRowCount == 0 {
                    throw StoreError.invalidData(
                        path: path, message: "\(purpose): no pending delivery has id \(id)")
                }
            }
        }
    }

    private func selectDeliveries(
        where condition: String, purpose: String, bind: (SQLiteStatement) throws(StoreError) -> Void
    ) throws(StoreError) -> [OutboxDelivery] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT \(Self.deliveryColumns) FROM alert_outbox WHERE \(condition)",
                purpose: purpose
            ) { statement throws(StoreError) in
                try bind(statement)
                return try statement.rows { row throws(StoreError) in try readDelivery(row) }
            }
        }
    }

    func readDelivery(_ row: SQLiteStatement) throws(StoreError) -> OutboxDelivery {
        let id = row.int64(at: 0)
        guard let status = DeliveryStatus(rawValue: row.string(at: 7)) else {
            throw .invalidData(
                path: path, message: "delivery \(id) has unknown status '\(row.string(at: 7))'")
        }
        return OutboxDelivery(
            id: id, alertID: row.string(at: 1), sink: row.string(at: 2), payload: row.data(at: 3),
            attempts: row.int(at: 4), nextAttempt: row.date(at: 5), expiresAt: row.date(at: 6),
            status: status, lastError: row.optionalString(at: 8), createdAt: row.date(at: 9),
            finishedAt: row.optionalDate(at: 10))
    }
}
