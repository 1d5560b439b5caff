import AlertLog
import Store

/// What reading one feed's body came to, before any of it is stored: the
/// items to mark seen and the alerts to write, with the counts the pass
/// summary shows once they are stored.
struct ProcessedFeed {
    /// The new and changed items, to mark seen with the feed's commit.
    var seenItems: [SeenItem] = []
    /// The records to write, each with the sinks its rule notifies: raised
    /// alerts, escalations, and folded reports (no sinks).
    var alerts: [AlertRecorder.Notified] = []
    /// Items never seen before: the feed brought something new when > 0.
    var newItems = 0
    var changedItems = 0
    /// The feed's first contact, recorded as a silent baseline: no rules ran.
    var isBaseline = false
    /// Alerts made again that were recorded before (a changed item, or an
    /// item whose alert a restart recovered from the log): they are not
    /// written again, and keep or get their evidence copy.
    var recordedBefore: [Alert] = []
    /// Firings folded into a story the rule had already alerted on.
    var joinedStories = 0
    /// Every item the body listed: the feed's seen items it lacks are absent from now on.
    var listing: FeedListing?

    /// Adds what was stored to the pass's counts.
    func count(into summary: inout PassSummary) {
        summary.feedsFetched += 1
        if isBaseline {
            summary.baselineItems += seenItems.count
        } else {
            summary.newItems += newItems
            summary.changedItems += changedItems
        }
        summary.joinedStories += joinedStories
        summary.alerts += alerts.filter(\.alert.kind.isRaised).count
    }
}
