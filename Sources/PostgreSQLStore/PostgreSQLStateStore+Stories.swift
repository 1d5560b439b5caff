import FeedModel
import Foundation
import PostgreSQLClient
import Store

/// Stories: which reports of several feeds are about one incident.
extension PostgreSQLStateStore: StoryStore {
    private static let storyColumns =
        "id, first_seen, last_seen, feeds, entities, alerted_rules, escalated_rules, members"

    public func stories(since: Date) throws(StoreError) -> [StoredStory] {
        try queryStories(
            "reading recent stories",
            "SELECT \(Self.storyColumns) FROM story WHERE first_seen >= $1 ORDER BY first_seen",
            [.date(since)])
    }

    public func stories(lastSeenSince: Date?) throws(StoreError) -> [StoredStory] {
        guard let lastSeenSince else {
            return try queryStories(
                "reading the stories",
                "SELECT \(Self.storyColumns) FROM story ORDER BY last_seen DESC, id")
        }
        return try queryStories(
            "reading the stories reported since \(lastSeenSince)",
            "SELECT \(Self.storyColumns) FROM story WHERE last_seen >= $1 ORDER BY last_seen DESC, id",
            [.date(lastSeenSince)])
    }

    public func stories(ids: [String]) throws(StoreError) -> [StoredStory] {
        guard !ids.isEmpty else { return [] }
        return try queryStories(
            "reading \(Counted.phrase(ids.count, "story"))",
            "SELECT \(Self.storyColumns) FROM story WHERE id = ANY ($1)", [.textArray(ids)])
    }

    private func queryStories(
        _ purpose: String, _ sql: String, _ parameters: [PostgreSQLValue] = []
    ) throws(StoreError) -> [StoredStory] {
        try query(purpose, sql, parameters) { row throws(PostgreSQLError) in
            StoredStory(
                id: try row.string(0), firstSeen: try row.date(1), lastSeen: try row.date(2),
                feeds: try row.textArray(3), entities: try row.textArray(4),
                alertedRules: try row.textArray(5), escalatedRules: try row.textArray(6),
                members: Data(try row.bytes(7)))
        }
    }
}
