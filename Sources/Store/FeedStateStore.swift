import Foundation

/// The HTTP and health state of each feed between polls.
///
/// A pass reads every feed's state once, at its start; the state a feed's
/// turn ends with is written in that turn's `PassCommit`, together with its
/// items (`saveFeedState` is the shorthand for a state alone).
public protocol FeedStateStore: Sendable {
    /// The state of one feed, if it was ever polled.
    func feedState(name: String) throws(StoreError) -> FeedState?

    /// The state of every feed ever polled, by name.
    func allFeedStates() throws(StoreError) -> [FeedState]

    /// Forgets a feed's state, seen items and archive (for a feed removed from feeds.conf).
    func forgetFeed(name: String) throws(StoreError)
}
