/// The one write that spans several concerns: what a feed's turn in a pass
/// produced (seen items, alert index entries, deliveries, stories, its
/// state), stored together or not at all.
///
/// The pipeline never opens a transaction of its own: a backend implements
/// `commit` as one, whatever a transaction is for it.
public protocol PassCommitStore: Sendable {
    /// Stores everything in `commit` in one transaction.
    func commit(_ commit: PassCommit) throws(StoreError)
}

/// Commits of one part, for writers that have nothing else to store with it.
extension PassCommitStore {
    /// Marks `items` of `feed` seen, with nothing else.
    public func markSeen(feed: String, items: [SeenItem]) throws(StoreError) {
        try commit(PassCommit(feed: feed, seenItems: items))
    }

    /// Inserts or replaces the state of `state.name`.
    public func saveFeedState(_ state: FeedState) throws(StoreError) {
        try commit(PassCommit(feedStates: [state]))
    }

    /// Inserts or replaces stories.
    public func saveStories(_ stories: [StoredStory]) throws(StoreError) {
        try commit(PassCommit(stories: stories))
    }

    /// Adds index entries, replacing any with the same alert id (a rebuild
    /// of the index from the log runs over old ones).
    public func indexAlerts(_ entries: [AlertIndexEntry]) throws(StoreError) {
        try commit(PassCommit(alertIndexEntries: entries))
    }
}
