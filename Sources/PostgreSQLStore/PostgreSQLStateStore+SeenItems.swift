import FeedModel
import Foundation
import PostgreSQLClient
import Store

extension PostgreSQLStateStore: SeenItemStore, ItemArchive {
    public func seenItems(feed: String) throws(StoreError) -> [String: String] {
        let pairs = try query(
            "reading the seen items of feed \(feed)",
            "SELECT item_id, content_hash FROM seen_item WHERE feed = $1", [.text(feed)]
        ) { row throws(PostgreSQLError) in (try row.string(0), try row.string(1)) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    public func archivedItems(since: Date) throws(StoreError) -> [ArchivedItem] {
        try query(
            "reading archived items",
            """
            SELECT feed, item_id, title, link, summary, content, authors, categories,
                   published, updated, text_title, text_summary, text_content, first_seen
            FROM item_archive WHERE first_seen >= $1 ORDER BY first_seen, feed, item_id
            """, [.date(since)], read: Self.readArchivedItem)
    }

    /// The archived text of one item: a lookup on the archive's key.
    public func archivedItem(feed: String, itemID: String) throws(StoreError) -> ArchivedItem? {
        try query(
            "reading the archived item \(itemID) of \(feed)",
            """
            SELECT feed, item_id, title, link, summary, content, authors, categories,
                   published, updated, text_title, text_summary, text_content, first_seen
            FROM item_archive WHERE feed = $1 AND item_id = $2
            """, [.text(feed), .text(itemID)], read: Self.readArchivedItem
        ).first
    }

    @discardableResult
    public func pruneArchive(before date: Date) throws(StoreError) -> Int {
        try writing("pruning the item archive") { () throws(PostgreSQLError) in
            try connection.execute(
                "DELETE FROM item_archive WHERE first_seen < $1", [.date(date)]
            ).affectedRowCount
        }
    }

    /// Records items as seen inside the caller's transaction, all in one
    /// statement; an item seen before keeps its first-seen time and takes the new hash.
    func upsertSeen(feed: String, items: [SeenItem]) throws(PostgreSQLError) {
        let batch = Self.oncePerItem(items)
        guard !batch.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO seen_item (feed, item_id, content_hash, first_seen)
            SELECT $1, id, hash, seen::float8
            FROM unnest($2::text[], $3::text[], $4::text[]) AS batch (id, hash, seen)
            ON CONFLICT (feed, item_id) DO UPDATE SET content_hash = excluded.content_hash
            """,
            [
                .text(feed), .textArray(batch.map(\.item.id)), .textArray(batch.map(\.contentHash)),
                Self.column(batch) { .date($0.firstSeen) },
            ])
    }

    /// Archives the items' text inside the caller's transaction, all in one
    /// statement, replacing an older version's and keeping the first-seen time.
    func upsertArchive(feed: String, items: [SeenItem]) throws(PostgreSQLError) {
        let batch = Self.oncePerItem(items)
        guard !batch.isEmpty else { return }
        // Each list column travels as the text of its array, cast back per row.
        let lists = { (list: [String]) in PostgreSQLValue.textArray(list).textForm }
        try connection.execute(
            """
            INSERT INTO item_archive (feed, item_id, title, link, summary, content, authors,
                categories, published, updated, text_title, text_summary, text_content,
                first_seen)
            SELECT $1, id, title, link, summary, content, authors::text[], categories::text[],
                published::float8, updated::float8, text_title, text_summary, text_content,
                first_seen::float8
            FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                $14::text[])
                AS batch (id, title, link, summary, content, authors, categories, published,
                    updated, text_title, text_summary, text_content, first_seen)
            ON CONFLICT (feed, item_id) DO UPDATE SET
                title = excluded.title, link = excluded.link, summary = excluded.summary,
                content = excluded.content, authors = excluded.authors,
                categories = excluded.categories, published = excluded.published,
                updated = excluded.updated, text_title = excluded.text_title,
                text_summary = excluded.text_summary, text_content = excluded.text_content
            """,
            [
                .text(feed), .textArray(batch.map(\.item.id)), .textArray(batch.map(\.item.title)),
                .textArray(batch.map(\.item.link)), .textArray(batch.map(\.item.summary)),
                .textArray(batch.map(\.item.content)),
                .textArray(batch.map { lists($0.item.authors) }),
                .textArray(batch.map { lists($0.item.categories) }),
                Self.column(batch) { .date($0.item.published) },
                Self.column(batch) { .date($0.item.updated) },
                .textArray(batch.map(\.item.text.title)),
                .textArray(batch.map(\.item.text.summary)),
                .textArray(batch.map(\.item.text.content)),
                Self.column(batch) { .date($0.firstSeen) },
            ])
    }

    /// One entry per item id, as a row per item would leave it: the last
    /// version's hash and text, the first one's first-seen time (one
    /// statement may not write the same row twice).
    private static func oncePerItem(_ items: [SeenItem]) -> [SeenItem] {
        var position: [String: Int] = [:]
        var batch: [SeenItem] = []
        for seen in items {
            if let index = position[seen.item.id] {
                let firstSeen = batch[index].firstSeen
                batch[index] = seen
                batch[index].firstSeen = firstSeen
            } else {
                position[seen.item.id] = batch.count
                batch.append(seen)
            }
        }
        return batch
    }

    /// A column of values (times, numbers) as the texts of a `text[]`.
    private static func column(_ batch: [SeenItem], _ value: (SeenItem) -> PostgreSQLValue)
        -> PostgreSQLValue
    {
        .textArray(batch.map { value($0).textForm })
    }

    /// Applies a feed's listing inside the caller's transaction: seen items
    /// of `feed` that the body lacks are absent from `listing.readAt` on,
    /// those it lists are present again; only changes are written.
    func applyListing(_ listing: FeedListing, feed: String) throws(PostgreSQLError) {
        let ids = PostgreSQLValue.textArray(listing.itemIDs)
        try connection.execute(
            """
            UPDATE seen_item SET absent_since = $3
            WHERE feed = $1 AND absent_since IS NULL AND NOT (item_id = ANY ($2))
            """, [.text(feed), ids, .date(listing.readAt)])
        try connection.execute(
            """
            UPDATE seen_item SET absent_since = NULL
            WHERE feed = $1 AND item_id = ANY ($2) AND absent_since IS NOT NULL
            """, [.text(feed), ids])
    }

    private static func readArchivedItem(_ row: PostgreSQLRow) throws(PostgreSQLError)
        -> ArchivedItem
    {
        let item = Item(
            id: try row.string(1), title: row.optionalString(2), link: row.optionalString(3),
            summary: row.optionalString(4), content: row.optionalString(5),
            authors: try row.textArray(6), categories: try row.textArray(7),
            published: try row.optionalDate(8), updated: try row.optionalDate(9),
            text: ItemText(
                title: try row.string(10), summary: try row.string(11),
                content: try row.string(12)))
        return ArchivedItem(feed: try row.string(0), item: item, firstSeen: try row.date(13))
    }
}
