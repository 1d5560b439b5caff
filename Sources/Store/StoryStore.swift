import Foundation

/// The stories of the recent past: which reports of several feeds are about
/// one incident. A pass loads them once, at its start; the stories a feed's
/// turn changed are written in that turn's `PassCommit`.
public protocol StoryStore: Sendable {
    /// Stories first seen at or after `since`: the ones a new report may still join.
    func stories(since: Date) throws(StoreError) -> [StoredStory]

    /// Stories with a report at or after `lastSeenSince` (every story when
    /// nil), the most recently reported first: what `feedwatch stories` lists.
    func stories(lastSeenSince: Date?) throws(StoreError) -> [StoredStory]

    /// The stories with these ids that the store holds, in no set order.
    func stories(ids: [String]) throws(StoreError) -> [StoredStory]
}
