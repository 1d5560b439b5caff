import FeedModel
import Foundation
import Store

extension SQLiteStateStore: FeedStateStore {
    static let feedStateColumns = """
        name, url, etag, last_modified, last_status, last_error, last_success, last_attempt,
        next_poll, consecutive_failures, item_count, moved_to, retry_after, last_new_item,
        last_bytes, last_duration, health_alert_since, failing_since
        """

    /// HTTP and health state of one feed, if it was ever polled.
    public func feedState(name: String) throws(StoreError) -> FeedState? {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT \(Self.feedStateColumns) FROM feed_state WHERE name = ?",
                purpose: "reading the state of feed \(name)"
            ) { statement throws(StoreError) in
                try statement.bind(name, at: 1)
                return try statement.step() ? Self.readFeedState(statement) : nil
            }
        }
    }

    /// The state of every feed ever polled, by name (for `feedwatch feeds`).
    public func allFeedStates() throws(StoreError) -> [FeedState] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT \(Self.feedStateColumns) FROM feed_state ORDER BY name",
                purpose: "listing feed states"
            ) { statement throws(StoreError) in
                try statement.rows(Self.readFeedState)
            }
        }
    }

    /// Forgets a feed's state, seen items and archive (for a feed removed from feeds.conf).
    public func forgetFeed(name: String) throws(StoreError) {
        try writing(purpose: "forgetting feed \(name)") { () throws(StoreError) in
            // The archive rows go with their seen rows (ON DELETE CASCADE).
            let deletions = [
                "DELETE FROM seen_item WHERE feed = ?",
                "DELETE FROM feed_state WHERE name = ?",
            ]
            for sql in deletions {
                try database.withStatement(sql, purpose: "forgetting feed \(name)") {
                    statement throws(StoreError) in
                    try statement.bind(name, at: 1)
                    try statement.run()
                }
            }
        }
    }

    /// Inserts or replaces feed states inside the caller's transaction.
    func upsertFeedStates(_ states: [FeedState]) throws(StoreError) {
        guard !states.isEmpty else { return }
        try database.withStatement(
            """
            INSERT OR REPLACE INTO feed_state (\(Self.feedStateColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            purpose: states.count == 1
                ? "saving the state of feed \(states[0].name)"
                : "saving \(Counted.phrase(states.count, "feed state"))", reused: true
        ) { statement throws(StoreError) in
            for state in states {
                statement.reset()
                try statement.bind(state.name, at: 1)
                try statement.bind(state.url, at: 2)
                try statement.bind(state.etag, at: 3)
                try statement.bind(state.lastModified, at: 4)
                try statement.bind(state.lastStatus, at: 5)
                try statement.bind(state.lastError, at: 6)
                try statement.bind(state.lastSuccess, at: 7)
                try statement.bind(state.lastAttempt, at: 8)
                try statement.bind(state.nextPoll, at: 9)
                try statement.bind(state.consecutiveFailures, at: 10)
                try statement.bind(state.itemCount, at: 11)
                try statement.bind(state.movedTo, at: 12)
                try statement.bind(state.retryAfter, at: 13)
                try statement.bind(state.lastNewItem, at: 14)
                try statement.bind(state.lastBytes, at: 15)
                try statement.bind(state.lastDuration, at: 16)
                try statement.bind(state.healthAlertSince, at: 17)
                try statement.bind(state.failingSince, at: 18)
                try statement.run()
            }
        }
    }

    static func readFeedState(_ row: SQLiteStatement) -> FeedState {
        FeedState(
            name: row.string(at: 0), url: row.string(at: 1), etag: row.optionalString(at: 2),
            lastModified: row.optionalString(at: 3), lastStatus: row.optionalInt(at: 4),
            lastError: row.optionalString(at: 5), lastSuccess: row.optionalDate(at: 6),
            lastAttempt: row.optionalDate(at: 7), nextPoll: row.optionalDate(at: 8),
            consecutiveFailures: row.int(at: 9), itemCount: row.int(at: 10),
            movedTo: row.optionalString(at: 11), retryAfter: row.optionalDate(at: 12),
            lastNewItem: row.optionalDate(at: 13), lastBytes: row.optionalInt(at: 14),
            lastDuration: row.isNull(at: 15) ? nil : row.double(at: 15),
            healthAlertSince: row.optionalDate(at: 16), failingSince: row.optionalDate(at: 17))
    }
}
