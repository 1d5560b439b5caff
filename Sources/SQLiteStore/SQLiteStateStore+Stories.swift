import Foundation
import Store

/// Stories: which reports of several feeds are about one incident.
extension SQLiteStateStore: StoryStore {
    /// Stories first seen at or after `since`: the ones a new report may still join.
    public func stories(since: Date) throws(StoreError) -> [StoredStory] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT id, first_seen, last_seen, feeds, entities, alerted_rules, escalated_rules, members
                FROM story WHERE first_seen >= ? ORDER BY first_seen
                """, purpose: "reading recent stories"
            ) { statement throws(StoreError) in
                try statement.bind(since, at: 1)
                return try statement.rows { row throws(StoreError) in
                    StoredStory(
                        id: row.string(at: 0), firstSeen: row.date(at: 1),
                        lastSeen: row.date(at: 2),
                        feeds: StringListColumn.decode(row.string(at: 3)) ?? [],
                        entities: StringListColumn.decode(row.string(at: 4)) ?? [],
                        alertedRules: StringListColumn.decode(row.string(at: 5)) ?? [],
                        escalatedRules: StringListColumn.decode(row.string(at: 6)) ?? [],
                        members: row.data(at: 7))
                }
            }
        }
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
            """, purpose: "saving \(stories.count) stories"
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
