import PostgreSQLClient
import Store

/// Story placement one monitor at a time, with a session advisory lock: it
/// spans the several statements of a feed's turn (the stories read, the
/// alerts asked about, the commit), where a transaction's lock would end
/// with the first, and the server frees it when a monitor's connection ends.
extension PostgreSQLStateStore: StoryPlacementLock {
    public func lockStoryPlacement() throws(StoreError) {
        try run("waiting for the other monitors to place their stories") {
            () throws(PostgreSQLError) in
            guard !holdsStoryPlacement else { return }
            try connection.execute(
                "SELECT pg_advisory_lock(\(AdvisoryLockClass.storyPlacement), 0)")
            holdsStoryPlacement = true
        }
    }

    public func unlockStoryPlacement() throws(StoreError) {
        try run("letting the other monitors place their stories") {
            () throws(PostgreSQLError) in
            guard holdsStoryPlacement else { return }
            holdsStoryPlacement = false
            try connection.execute(
                "SELECT pg_advisory_unlock(\(AdvisoryLockClass.storyPlacement), 0)")
        }
    }
}
