import Foundation
import PostgreSQLClient
import Store

/// Senders of a fleet sharing the outbox: a sink's queue is claimed by one
/// of them at a time (an advisory lock per sink makes claiming it one at a
/// time, `FOR UPDATE SKIP LOCKED` keeps a claim off rows another statement
/// is finishing), and an attempt is recorded only by its delivery's holder.
extension PostgreSQLStateStore: DeliveryClaimStore {
    /// `deliveryColumns` of the table being updated, for `RETURNING`.
    private static let returnedDeliveryColumns = deliveryColumns.split(separator: ",")
        .map { "alert_outbox." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .joined(separator: ", ")

    public func claimPendingDeliveries(
        sink: String, holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [OutboxDelivery] {
        guard limit > 0 else { return [] }
        let rows = try writing("claiming deliveries of sink \(sink) for \(holder)") {
            () throws(PostgreSQLError) in
            // Claimers of one sink wait for one another, and the next one's
            // statement sees the claims the last one committed.
            try connection.execute(
                "SELECT pg_advisory_xact_lock(\(AdvisoryLockClass.outboxSink), hashtext($1))",
                [.text(sink)])
            return try connection.execute(
                """
                WITH next AS (
                    SELECT id FROM alert_outbox
                    WHERE sink = $1 AND status = 'pending' AND NOT EXISTS (
                        SELECT 1 FROM alert_outbox AS other
                        WHERE other.sink = $1 AND other.status = 'pending'
                            AND other.claimed_by <> $2 AND other.claimed_until > $3)
                    ORDER BY id LIMIT $5
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE alert_outbox SET claimed_by = $2, claimed_until = $4
                FROM next WHERE alert_outbox.id = next.id
                RETURNING \(Self.returnedDeliveryColumns)
                """,
                [
                    .text(sink), .text(holder), .date(now), .date(now.addingTimeInterval(duration)),
                    .integer(limit),
                ]
            ).map(Self.readDelivery)
        }
        return try deliveries(rows).sorted { $0.id < $1.id }
    }

    public func claimPendingDeliveries(
        alertID: String, holder: String, now: Date, duration: TimeInterval
    ) throws(StoreError) -> [OutboxDelivery] {
        let rows = try writing("claiming deliveries of alert \(alertID) for \(holder)") {
            () throws(PostgreSQLError) in
            try connection.execute(
                """
                WITH next AS (
                    SELECT id FROM alert_outbox
                    WHERE status = 'pending'
                        AND (alert_id = $1
                            OR id IN (SELECT delivery FROM outbox_alert WHERE alert_id = $1))
                        AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until <= $3)
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE alert_outbox SET claimed_by = $2, claimed_until = $4
                FROM next WHERE alert_outbox.id = next.id
                RETURNING \(Self.returnedDeliveryColumns)
                """,
                [
                    .text(alertID), .text(holder), .date(now),
                    .date(now.addingTimeInterval(duration)),
                ]
            ).map(Self.readDelivery)
        }
        return try deliveries(rows).sorted { $0.id < $1.id }
    }

    public func markDelivered(id: Int64, holder: String, at time: Date) throws(StoreError) {
        try markDelivered(id: id, claimedBy: holder, at: time)
    }

    public func markFailed(id: Int64, holder: String, nextAttempt: Date, error: String)
        throws(StoreError)
    {
        try markFailed(id: id, claimedBy: holder, nextAttempt: nextAttempt, error: error)
    }

    public func markDead(id: Int64, holder: String, reason: String, at time: Date)
        throws(StoreError)
    {
        try markDead(id: id, claimedBy: holder, reason: reason, at: time)
    }

    public func releaseDeliveries(_ ids: [Int64], holder: String) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try writing("releasing deliveries claimed by \(holder)") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE alert_outbox SET claimed_by = NULL, claimed_until = NULL
                WHERE id = ANY ($1::bigint[]) AND claimed_by = $2 AND status = 'pending'
                """, [.textArray(ids.map { String($0) }), .text(holder)])
        }
    }

    // MARK: - Attempts, by the holder (or on unclaimed deliveries)

    func markDelivered(id: Int64, claimedBy holder: String?, at time: Date) throws(StoreError) {
        try finishAttempt(
            id: id, claimedBy: holder, "marking delivery \(id) delivered",
            set: "status = 'delivered', finished_at = $3, last_error = NULL", [.date(time)])
    }

    func markFailed(id: Int64, claimedBy holder: String?, nextAttempt: Date, error: String)
        throws(StoreError)
    {
        try finishAttempt(
            id: id, claimedBy: holder, "recording a failed attempt of delivery \(id)",
            set: "next_attempt = $3, last_error = $4", [.date(nextAttempt), .text(error)])
    }

    func markDead(id: Int64, claimedBy holder: String?, reason: String, at time: Date)
        throws(StoreError)
    {
        try finishAttempt(
            id: id, claimedBy: holder, "marking delivery \(id) dead",
            set: "status = 'dead', last_error = $3, finished_at = $4", [.text(reason), .date(time)])
    }
}
