import FeedModel
import Foundation
import Store

/// Which seen items are still in their feed, kept up to date with each body
/// read: what lets retention forget an item that left its feed long ago and
/// never one the feed still lists.
extension SQLiteStateStore {
    /// Applies a feed's listing inside the caller's transaction: seen items
    /// of `feed` that the body lacks are absent from `listing.readAt` on,
    /// those it lists are present again. Only changes are written, so a body
    /// that lists what the last one did writes nothing: the cost is a look at
    /// the feed's present items (an index of them alone) and one lookup per
    /// listed id.
    func applyListing(_ listing: FeedListing, feed: String) throws(StoreError) {
        let ids = StringListColumn.encode(listing.itemIDs)
        let purpose = "noting which items feed \(feed) still lists"
        // Through the index of present items: the planner, without
        // statistics, would walk every item the feed ever had by primary key.
        try database.withStatement(
            """
            UPDATE seen_item INDEXED BY seen_item_listed SET absent_since = ?3
            WHERE feed = ?1 AND absent_since IS NULL
                AND item_id NOT IN (SELECT value FROM json_each(?2))
            """, purpose: purpose, reused: true
        ) { statement throws(StoreError) in
            try statement.bind(feed, at: 1)
            try statement.bind(ids, at: 2)
            try statement.bind(listing.readAt, at: 3)
            try statement.run()
        }
        // `+absent_since` keeps the planner on the primary key, one lookup
        // per listed id, instead of the index of every absent item.
        try database.withStatement(
            """
            UPDATE seen_item SET absent_since = NULL
            WHERE feed = ?1 AND item_id IN (SELECT value FROM json_each(?2))
                AND +absent_since IS NOT NULL
            """, purpose: purpose, reused: true
        ) { statement throws(StoreError) in
            try statement.bind(feed, at: 1)
            try statement.bind(ids, at: 2)
            try statement.run()
        }
    }
}
