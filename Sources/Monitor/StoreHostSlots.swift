import FeedFetcher
import Logging
import Store

/// The fetcher's per-host cap held over every monitor sharing the state,
/// through the store's host slots (`HostSlotStore`). A slot that cannot be
/// asked for (the database is unreachable) lets the transfer go: a lapse of
/// politeness for as long as the database is away, never a monitor that
/// stops polling.
public struct StoreHostSlots: SharedHostSlots {
    private let store: any HostSlotStore
    private let logger: Logger

    /// The host slots of `store`; nil when it serves one monitor alone.
    public init?(store: any StateStore, logger: Logger) {
        guard let slots = store as? any HostSlotStore else { return nil }
        self.store = slots
        self.logger = logger
    }

    public func take(host: String, limit: Int) -> Bool {
        do {
            return try store.claimHostSlot(host, limit: limit)
        } catch {
            logger.warning("\(error); fetching without the fleet's cap on \(host)")
            return true
        }
    }

    public func giveBack(host: String) {
        do {
            try store.releaseHostSlot(host)
        } catch {
            logger.warning("\(error)")
        }
    }
}
