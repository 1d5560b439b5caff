import Foundation
import PostgreSQLClient
import Store

/// Feeds shared among the monitors of a fleet: a due feed is claimed by one
/// of them with `SELECT … FOR UPDATE SKIP LOCKED`, so monitors claiming at the
/// same moment each take different feeds without waiting on one another.
extension PostgreSQLStateStore: FeedLeaseStore {
    public func claimDueFeeds(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [String] {
        try claim(feeds, holder: holder, now: now, duration: duration, limit: limit, dueOnly: true)
    }

    public func claimFeeds(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval, limit: Int
    ) throws(StoreError) -> [String] {
        try claim(feeds, holder: holder, now: now, duration: duration, limit: limit, dueOnly: false)
    }

    public func renewFeedLeases(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval
    ) throws(StoreError) -> [String] {
        guard !feeds.isEmpty else { return [] }
        return try writing("renewing the leases of \(holder)") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE feed_lease SET expires_at = $3
                WHERE feed = ANY ($1) AND holder = $2
                RETURNING feed
                """, [.textArray(feeds), .text(holder), .date(now.addingTimeInterval(duration))]
            ).map { row throws(PostgreSQLError) in try row.string(0) }.sorted()
        }
    }

    private func claim(
        _ feeds: [String], holder: String, now: Date, duration: TimeInterval, limit: Int,
        dueOnly: Bool
    ) throws(StoreError) -> [String] {
        guard !feeds.isEmpty, limit > 0 else { return [] }
        return try writing("claiming due feeds for \(holder)") { () throws(PostgreSQLError) in
            // A lease row for every configured feed, so that a feed never polled can be locked too.
            try connection.execute(
                """
                INSERT INTO feed_lease (feed)
                SELECT name FROM unnest($1::text[]) AS configured (name)
                WHERE NOT EXISTS (SELECT 1 FROM feed_lease WHERE feed = name)
                ON CONFLICT DO NOTHING
                """,
                [.textArray(feeds)])
            let claimed = try connection.execute(
                """
                WITH due AS (
                    SELECT lease.feed FROM feed_lease AS lease
                    LEFT JOIN feed_state AS state ON state.name = lease.feed
                    WHERE lease.feed = ANY ($1) AND lease.expires_at <= $2
                        AND (NOT $6 OR state.next_poll IS NULL OR state.next_poll <= $2)
                    ORDER BY state.next_poll NULLS FIRST, lease.feed
                    LIMIT $5
                    FOR UPDATE OF lease SKIP LOCKED
                )
                UPDATE feed_lease SET holder = $3, expires_at = $4
                FROM due WHERE feed_lease.feed = due.feed
                RETURNING feed_lease.feed
                """,
                [
                    .textArray(feeds), .date(now), .text(holder),
                    .date(now.addingTimeInterval(duration)), .integer(limit), .boolean(dueOnly),
                ])
            return try claimed.map { row throws(PostgreSQLError) in try row.string(0) }.sorted()
        }
    }

    public func releaseFeeds(_ feeds: [String], holder: String) throws(StoreError) {
        guard !feeds.isEmpty else { return }
        try writing("releasing feeds of \(holder)") { () throws(PostgreSQLError) in
            try connection.execute(
                """
                UPDATE feed_lease SET holder = NULL, expires_at = 0
                WHERE feed = ANY ($1) AND holder = $2
                """, [.textArray(feeds), .text(holder)])
        }
    }
}
