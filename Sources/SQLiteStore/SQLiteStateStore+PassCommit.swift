import FeedModel
import Foundation
import Store

/// A feed's turn of a pass, stored in one `BEGIN IMMEDIATE … COMMIT`.
extension SQLiteStateStore: PassCommitStore {
    public func commit(_ commit: PassCommit) throws(StoreError) {
        guard !commit.isEmpty else { return }
        try writing(purpose: Self.purpose(of: commit)) { () throws(StoreError) in
            try upsertSeen(feed: commit.feed, items: commit.seenItems)
            try upsertArchive(feed: commit.feed, items: commit.seenItems)
            // After the upserts, so that the items first seen now are among those compared.
            if let listing = commit.listing { try applyListing(listing, feed: commit.feed) }
            try insertDeliveries(commit.deliveries)
            try insertDigestEntries(commit.digestEntries)
            try insertAlertIndexEntries(commit.alertIndexEntries)
            try insertEvidence(commit.evidence)
            // After the inserts, so that the new entries follow the rename too.
            if let rename = commit.logRename { try moveAlertIndexEntries(rename) }
            try upsertStories(commit.stories)
            try upsertFeedStates(commit.feedStates)
        }
    }

    /// What an error of the transaction says it was doing.
    private static func purpose(of commit: PassCommit) -> String {
        var parts: [String] = []
        if !commit.seenItems.isEmpty {
            parts.append(
                "marking \(Counted.phrase(commit.seenItems.count, "item")) of feed \(commit.feed) seen"
            )
        }
        if !commit.alertIndexEntries.isEmpty {
            parts.append("indexing \(Counted.phrase(commit.alertIndexEntries.count, "alert"))")
        }
        if !commit.deliveries.isEmpty {
            parts.append("queueing \(Counted.phrase(commit.deliveries.count, "delivery"))")
        }
        if !commit.digestEntries.isEmpty {
            parts.append(
                "holding \(Counted.phrase(commit.digestEntries.count, "message")) for digests")
        }
        if !commit.stories.isEmpty {
            parts.append("saving \(Counted.phrase(commit.stories.count, "story"))")
        }
        if commit.feedStates.count == 1 {
            parts.append("saving the state of feed \(commit.feedStates[0].name)")
        } else if !commit.feedStates.isEmpty {
            parts.append("saving \(Counted.phrase(commit.feedStates.count, "feed state"))")
        }
        if let rename = commit.logRename {
            parts.append("moving index entries from \(rename.from) to \(rename.to)")
        }
        if commit.listing != nil, commit.seenItems.isEmpty {
            parts.append("noting which items feed \(commit.feed) still lists")
        }
        return parts.joined(separator: ", ")
    }
}
