/// Where `FeedFetcher.fetchContinuously` gets its work: the monitor's clock
/// of feeds, each due at its own time.
///
/// Both are called on the fetching thread, between transfers, so they must
/// return quickly: `due()` is asked often and should answer from memory.
public protocol FetchSource {
    /// The requests due now, each handed out once until its result comes back.
    func due() -> [FeedRequest]
    /// Called when no transfer runs and none is queued: block until work may
    /// be due (the next due time, a signal, a reload), then return.
    func waitForWork()
}
