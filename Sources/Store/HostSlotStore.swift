/// The politeness cap held across monitors sharing one state: at most
/// `limit` transfers to one host at a time over all of them, not per process.
/// A monitor takes one of a host's slots before a transfer starts and gives
/// it back when it ends; a monitor that dies gives its slots back with it.
///
/// A state that serves one monitor alone (SQLite, locked) has no need of it:
/// the fetcher's own per-host limit is the whole cap.
public protocol HostSlotStore: Sendable {
    /// Takes a free one of `host`'s `limit` slots for this process; false
    /// when every one is taken (by this process or others).
    func claimHostSlot(_ host: String, limit: Int) throws(StoreError) -> Bool

    /// Gives back one slot of `host` this process took; nothing when it holds none.
    func releaseHostSlot(_ host: String) throws(StoreError)
}
