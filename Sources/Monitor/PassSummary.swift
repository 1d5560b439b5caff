import FeedModel

/// What one pass did, for the summary line and the exit status.
public struct PassSummary: Sendable, Equatable {
    public var feedsPolled = 0
    /// Feeds whose fetch has ended so far (for progress).
    public var feedsDone = 0
    public var feedsFetched = 0
    public var feedsNotModified = 0
    /// `feed name: error` for each feed that failed: one at most per feed,
    /// so that their count never exceeds the feeds polled. The pass has
    /// logged each as it happened: the summary counts them, never repeats them.
    public var failures: [String] = []
    /// What went wrong for the pass as a whole rather than one feed (the
    /// alert log could not be written, the feed-health check failed): each
    /// names its file; the pass fails with them.
    public var problems: [String] = []
    public var newItems = 0
    public var changedItems = 0
    /// Items recorded without alerting on a feed's first contact.
    public var baselineItems = 0
    public var alerts = 0
    /// Rule firings not alerted because the report joined a story that rule
    /// had already alerted on (from another feed).
    public var joinedStories = 0
    public var seconds = 0.0

    public init() {}

    /// Whether anything failed: `poll` then exits 1.
    public var hasFailures: Bool { !failures.isEmpty || !problems.isEmpty }

    public var line: String {
        var parts = [
            Counted.phrase(feedsPolled, "feed") + " polled", "\(feedsFetched) fetched",
            "\(feedsNotModified) not modified", "\(failures.count) failed",
            Counted.phrase(newItems, "new item"), "\(changedItems) changed",
        ]
        if baselineItems > 0 { parts.append("\(baselineItems) recorded as baseline") }
        parts.append(Counted.phrase(alerts, "alert"))
        if joinedStories > 0 { parts.append("\(joinedStories) folded into known stories") }
        parts.append(String(format: "%.2fs", seconds))
        return parts.joined(separator: ", ")
    }
}
