import Foundation

/// Everything one feed's turn in a pass produced, for the store to keep in one
/// transaction: either all of it is stored or none.
///
/// The alerts whose entries and deliveries it carries must already be in the
/// alert log, fsynced: an item is marked seen only once its alerts can no
/// longer be lost. Every part is keyed (feed and item id, alert id, alert id
/// and sink, story id, feed name), so committing the same thing twice, as a
/// pass repeated after a crash does, stores it once.
public struct PassCommit: Sendable, Equatable {
    /// The feed whose `seenItems` these are.
    public var feed: String
    /// Items to mark seen, with the text the archive keeps. An item seen
    /// before keeps its first-seen time and takes the new hash and text.
    public var seenItems: [SeenItem]
    /// Where the alerts written for this turn sit in the log.
    public var alertIndexEntries: [AlertIndexEntry]
    /// What the alerts were raised on; an alert's first copy is kept.
    public var evidence: [AlertEvidence]
    /// The alerts' webhook deliveries; one already queued for the same alert
    /// and sink is left as it is.
    public var deliveries: [NewDelivery]
    /// Messages held for a digest sink until their period ends; one already
    /// held for the same message and sink is left as it is.
    public var digestEntries: [NewDigestEntry]
    /// Stories the turn started or changed, replacing what was stored.
    public var stories: [StoredStory]
    /// Feed states the turn ends with, replacing what was stored.
    public var feedStates: [FeedState]
    /// The log's live file was renamed after these alerts were appended:
    /// entries pointing into it, these alerts' among them, follow it.
    public var logRename: LogFileRename?
    /// Every item the feed's body listed, when a body was read: the seen
    /// items of `feed` it lacks are absent from the feed from now on, and
    /// those it lists are present again.
    public var listing: FeedListing?

    public init(
        feed: String = "", seenItems: [SeenItem] = [], alertIndexEntries: [AlertIndexEntry] = [],
        evidence: [AlertEvidence] = [], deliveries: [NewDelivery] = [], stories: [StoredStory] = [],
        feedStates: [FeedState] = [], logRename: LogFileRename? = nil, listing: FeedListing? = nil,
        digestEntries: [NewDigestEntry] = []
    ) {
        self.digestEntries = digestEntries
        self.feed = feed
        self.seenItems = seenItems
        self.alertIndexEntries = alertIndexEntries
        self.evidence = evidence
        self.deliveries = deliveries
        self.stories = stories
        self.feedStates = feedStates
        self.logRename = logRename
        self.listing = listing
    }

    /// Whether there is nothing to store.
    public var isEmpty: Bool {
        seenItems.isEmpty && alertIndexEntries.isEmpty && evidence.isEmpty && deliveries.isEmpty
            && digestEntries.isEmpty && stories.isEmpty
            && feedStates.isEmpty && logRename == nil && listing == nil
    }
}

/// The alert log's live file `from` was renamed `to` when it rotated.
public struct LogFileRename: Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}
