import Foundation
import PostgreSQLClient
import Store

extension PostgreSQLStateStore: FeedStateStore {
    static let feedStateColumns = """
        name, url, etag, last_modified, last_status, last_error, last_success, last_attempt,
        next_poll, consecutive_failures, item_count, moved_to, retry_after, last_new_item,
        last_bytes, last_duration, health_alert_since, failing_since
        """

    public func feedState(name: String) throws(StoreError) -> FeedState? {
        try query(
            "reading the state of feed \(name)",
            "SELECT \(Self.feedStateColumns) FROM feed_state WHERE name = $1", [.text(name)],
            read: Self.readFeedState
        ).first
    }

    public func allFeedStates() throws(StoreError) -> [FeedState] {
        try query(
            "listing feed states",
            "SELECT \(Self.feedStateColumns) FROM feed_state ORDER BY name",
            read: Self.readFeedState)
    }

    public func forgetFeed(name: String) throws(StoreError) {
        try writing("forgetting feed \(name)") { () throws(PostgreSQLError) in
            // The archive rows go with their seen rows (ON DELETE CASCADE).
            try connection.execute("DELETE FROM seen_item WHERE feed = $1", [.text(name)])
            try connection.execute("DELETE FROM feed_state WHERE name = $1", [.text(name)])
            try connection.execute("DELETE FROM feed_lease WHERE feed = $1", [.text(name)])
        }
    }

    /// Inserts or replaces feed states inside the caller's transaction.
    func upsertFeedStates(_ states: [FeedState]) throws(PostgreSQLError) {
        let sql = UpsertStatement.replacing(table: "feed_state", columns: Self.feedStateColumns)
        for state in states {
            try connection.execute(
                sql,
                [
                    .text(state.name), .text(state.url), .text(state.etag),
                    .text(state.lastModified), .integer(state.lastStatus), .text(state.lastError),
                    .date(state.lastSuccess), .date(state.lastAttempt), .date(state.nextPoll),
                    .integer(state.consecutiveFailures), .integer(state.itemCount),
                    .text(state.movedTo), .date(state.retryAfter), .date(state.lastNewItem),
                    .integer(state.lastBytes), .double(state.lastDuration),
                    .date(state.healthAlertSince), .date(state.failingSince),
                ])
        }
    }

    private static func readFeedState(_ row: PostgreSQLRow) throws(PostgreSQLError) -> FeedState {
        FeedState(
            name: try row.string(0), url: try row.string(1), etag: row.optionalString(2),
            lastModified: row.optionalString(3), lastStatus: try row.optionalInt(4),
            lastError: row.optionalString(5), lastSuccess: try row.optionalDate(6),
            lastAttempt: try row.optionalDate(7), nextPoll: try row.optionalDate(8),
            consecutiveFailures: try row.int(9), itemCount: try row.int(10),
            movedTo: row.optionalString(11), retryAfter: try row.optionalDate(12),
            lastNewItem: try row.optionalDate(13), lastBytes: try row.optionalInt(14),
            lastDuration: try row.optionalDouble(15), healthAlertSince: try row.optionalDate(16),
            failingSince: try row.optionalDate(17))
    }
}
