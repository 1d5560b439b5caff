import FeedModel
import Foundation
import Store

/// Stories: which reports of several feeds are about one incident.
extension SQLiteStateStore: StoryStore {
    static let storyColumns =
        "id, first_seen, last_seen, feeds, entities, alerted_rules, escalated_rules, members"

    /// Stories first seen at or after `since`: the ones a new report may still join.
    public func stories(since: Date) throws(StoreError) -> [StoredStory] {
        try queryStories(
            "SELECT \(Self.storyColumns) FROM story WHERE first_seen >= ? ORDER BY first_seen",
            purpose: "reading recent stories", dates: [since], texts: [])
    }

    /// Stories with a report at or after `lastSeenSince`, most recent first.
    public func stories(lastSeenSince: Date?) throws(StoreError) -> [StoredStory] {
        guard let lastSeenSince else {
            return try queryStories(
                "SELECT \(Self.storyColumns) FROM story ORDER BY last_seen DESC, id",
                purpose: "reading the stories", dates: [], texts: [])
        }
        return try queryStories(
            "SELECT \(Self.storyColumns) FROM story WHERE last_seen >= ? ORDER BY last_seen DESC, id",
            purpose: "reading the stories reported since \(lastSeenSince)", dates: [lastSeenSince],
            texts: [])
    }

    /// The stories with these ids.
    public func stories(ids: [String]) throws(StoreError) -> [StoredStory] {
        guard !ids.isEmpty else { return [] }
        let unique = Array(Set(ids)).sorted()
        var found: [StoredStory] = []
        // One statement per bounded chunk: SQLite limits the parameters of one.
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            found += try queryStories(
                "SELECT \(Self.storyColumns) FROM story WHERE id IN (\(placeholders))",
                purpose: "reading \(Counted.phrase(chunk.count, "story"))", dates: [], texts: chunk)
        }
        return found
    }

    private func queryStories(_ sql: String, purpose: String, dates: [Date], texts: [String])
        throws(StoreError) -> [StoredStory]
    {
        try serialized { () throws(StoreError) in
            try database.withStatement(sql, purpose: purpose) { statement throws(StoreError) in
                for (offset, date) in dates.enumerated() {
                    try statement.bind(date, at: Int32(offset + 1))
                }
                for (offset, text) in texts.enumerated() {
                    try statement.bind(text, at: Int32(dates.count + offset + 1))
                }
                return try statement.rows { row throws(StoreError) in Self.readStory(row) }
            }
        }
    }

    /// A story from a row of `storyColumns`.
    static func readStory(_ row: SQLiteStatement) -> StoredStory {
        StoredStory(
            id: row.string(at: 0), firstSeen: row.date(at: 1), lastSeen: row.date(at: 2),
            feeds: StringListColumn.decode(row.string(at: 3)) ?? [],
            entities: StringListColumn.decode(row.string(at: 4)) ?? [],
            alertedRules: StringListColumn.decode(row.string(at: 5)) ?? [],
            escalatedRules: StringListColumn.decode(row.string(at: 6)) ?? [],
            members: row.data(at: 7))
    }

    /// Inserts or replaces stories inside the caller's transaction.
    func upsertStories(_ stories: [StoredStory]) throws(StoreError) {
        guard !stories.isEmpty else { return }
        try database.withStatement(
            """
            INSERT OR REPLACE INTO story
                (id, first_seen, last_seen, feeds, entities, alerted_rules, escalated_rules,
                members)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, purpose: "saving \(Counted.phrase(stories.count, "story"))", reused: true
        ) { statement throws(StoreError) in
            for story in stories {
                statement.reset()
                try statement.bind(story.id, at: 1)
                try statement.bind(story.firstSeen, at: 2)
                try statement.bind(story.lastSeen, at: 3)
                try statement.bind(StringListColumn.encode(story.feeds), at: 4)
                try statement.bind(StringListColumn.encode(story.entities), at: 5)
                try statement.bind(StringListColumn.encode(story.alertedRules), at: 6)
                try statement.bind(StringListColumn.encode(story.escalatedRules), at: 7)
                try statement.bind(story.members, at: 8)
                try statement.run()
            }
        }
    }
}
