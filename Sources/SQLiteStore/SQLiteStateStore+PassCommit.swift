import Foundation
import Store

/// A feed's turn of a pass, stored in one `BEGIN IMMEDIATE … COMMIT`.
extension SQLiteStateStore: PassCommitStore {
    public func commit(_ commit: PassCommit) throws(StoreError) {
        guard !commit.isEmpty else { return }
        try writing(purpose: commit.purpose) { () throws(StoreError) in
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
}
