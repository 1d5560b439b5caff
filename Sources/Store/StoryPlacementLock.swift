/// Story placement among monitors sharing one state: a monitor places a
/// feed's reports in their stories and commits them while it holds this
/// lock, having read the stories afresh inside it, so that two monitors
/// never start two stories for one incident (nor lose each other's changes
/// to one story).
///
/// One lock for all placement, not one per story: a report's story is found
/// by scoring it against every open story, and nothing in a report names its
/// story before that (a new one has no id yet), so no narrower key keeps two
/// reports of one incident apart. It is held only for the turns of feeds
/// whose items fire rules, from the read of the stories to the commit.
///
/// A state that serves one monitor alone (SQLite, locked) has no need of it.
public protocol StoryPlacementLock: Sendable {
    /// Waits until no other monitor places stories, then holds the lock.
    /// Holding it already is allowed: the lock is held once.
    func lockStoryPlacement() throws(StoreError)

    /// Lets the other monitors place stories again; nothing when not held.
    func unlockStoryPlacement() throws(StoreError)
}
