import FeedModel
import Foundation
import Store

extension SQLiteStateStore: SeenItemStore, ItemArchive {
    /// The items of `feed` seen so far: item id → content hash.
    public func seenItems(feed: String) throws(StoreError) -> [String: String] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT item_id, content_hash FROM seen_item WHERE feed = ?",
                purpose: "reading the seen items of feed \(feed)", reused: true
            ) { statement throws(StoreError) in
                try statement.bind(feed, at: 1)
                var seen: [String: String] = [:]
                while try statement.step() {
                    seen[statement.string(at: 0)] = statement.string(at: 1)
                }
                return seen
            }
        }
    }

    /// Archived items first seen at or after `since`, oldest first (for `replay`).
    public func archivedItems(since: Date) throws(StoreError) -> [ArchivedItem] {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT feed, item_id, title, link, summary, content, authors, categories,
                       published, updated, text_title, text_summary, text_content, first_seen
                FROM item_archive WHERE first_seen >= ? ORDER BY first_seen, feed, item_id
                """,
                purpose: "reading archived items"
            ) { statement throws(StoreError) in
                try statement.bind(since, at: 1)
                return try statement.rows { row throws(StoreError) in try readArchivedItem(row) }
            }
        }
    }

    /// The archived text of one item: a lookup on the archive's key.
    public func archivedItem(feed: String, itemID: String) throws(StoreError) -> ArchivedItem? {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT feed, item_id, title, link, summary, content, authors, categories,
                       published, updated, text_title, text_summary, text_content, first_seen
                FROM item_archive WHERE feed = ? AND item_id = ?
                """,
                purpose: "reading the archived item \(itemID) of \(feed)"
            ) { statement throws(StoreError) in
                try statement.bind(feed, at: 1)
                try statement.bind(itemID, at: 2)
                return try statement.step() ? try readArchivedItem(statement) : nil
            }
        }
    }

    /// Deletes archived texts first seen before `date` (the seen rows stay, so nothing re-alerts).
    @discardableResult
    public func pruneArchive(before date: Date) throws(StoreError) -> Int {
        try writing(purpose: "pruning the item archive") { () throws(StoreError) in
            try database.withStatement(
                "DELETE FROM item_archive WHERE first_seen < ?", purpose: "pruning the item archive"
            ) { statement throws(StoreError) in
                try statement.bind(date, at: 1)
                try statement.run()
                return database.changedRowCount
            }
        }
    }

    /// Records items as seen inside the caller's transaction; an item seen
    /// before keeps its first-seen time and takes the new hash.
    func upsertSeen(feed: String, items: [SeenItem]) throws(StoreError) {
        guard !items.isEmpty else { return }
        // One statement prepared per batch and reused for every row: that is
        // what makes thousands of items a second.
        try database.withStatement(
            """
            INSERT INTO seen_item (feed, item_id, content_hash, first_seen) VALUES (?, ?, ?, ?)
            ON CONFLICT (feed, item_id) DO UPDATE SET content_hash = excluded.content_hash
            """,
            purpose: "recording seen items of feed \(feed)", reused: true
        ) { statement throws(StoreError) in
            for seen in items {
                statement.reset()
                try statement.bind(feed, at: 1)
                try statement.bind(seen.item.id, at: 2)
                try statement.bind(seen.contentHash, at: 3)
                try statement.bind(seen.firstSeen, at: 4)
                try statement.run()
            }
        }
    }

    /// Archives the items' text inside the caller's transaction, replacing an older version's.
    func upsertArchive(feed: String, items: [SeenItem]) throws(StoreError) {
        guard !items.isEmpty else { return }
        try database.withStatement(
            """
            INSERT INTO item_archive (feed, item_id, title, link, summary, content, authors,
                categories, published, updated, text_title, text_summary, text_content, first_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (feed, item_id) DO UPDATE SET
                title = excluded.title, link = excluded.link, summary = excluded.summary,
                content = excluded.content, authors = excluded.authors,
                categories = excluded.categories, published = excluded.published,
                updated = excluded.updated, text_title = excluded.text_title,
                text_summary = excluded.text_summary, text_content = excluded.text_content
            """,
            purpose: "archiving items of feed \(feed)", reused: true
        ) { statement throws(StoreError) in
            for seen in items {
                let item = seen.item
                statement.reset()
                try statement.bind(feed, at: 1)
                try statement.bind(item.id, at: 2)
                try statement.bind(item.title, at: 3)
                try statement.bind(item.link, at: 4)
                try statement.bind(item.summary, at: 5)
                try statement.bind(item.content, at: 6)
                try statement.bind(StringListColumn.encode(item.authors), at: 7)
                try statement.bind(StringListColumn.encode(item.categories), at: 8)
                try statement.bind(item.published, at: 9)
                try statement.bind(item.updated, at: 10)
                try statement.bind(item.text.title, at: 11)
                try statement.bind(item.text.summary, at: 12)
                try statement.bind(item.text.content, at: 13)
                try statement.bind(seen.firstSeen, at: 14)
                try statement.run()
            }
        }
    }

    func readArchivedItem(_ row: SQLiteStatement) throws(StoreError) -> ArchivedItem {
        let feed = row.string(at: 0)
        let id = row.string(at: 1)
        guard let authors = StringListColumn.decode(row.string(at: 6)),
            let categories = StringListColumn.decode(row.string(at: 7))
        else {
            throw .invalidData(
                path: path,
                message: "archived item \(id) of feed \(feed) has unreadable authors or categories")
        }
        let item = Item(
            id: id, title: row.optionalString(at: 2), link: row.optionalString(at: 3),
            summary: row.optionalString(at: 4), content: row.optionalString(at: 5),
            authors: authors, categories: categories, published: row.optionalDate(at: 8),
            updated: row.optionalDate(at: 9),
            text: ItemText(
                title: row.string(at: 10), summary: row.string(at: 11), content: row.string(at: 12))
        )
        return ArchivedItem(feed: feed, item: item, firstSeen: row.date(at: 13))
    }
}
