import PostgreSQLClient
import Store

/// The per-host cap across the fleet (see `PostgreSQLHostSlots`).
extension PostgreSQLStateStore: HostSlotStore {
    public func claimHostSlot(_ host: String, limit: Int) throws(StoreError) -> Bool {
        do {
            return try hostSlots.claim(host, limit: limit)
        } catch {
            throw storeError(error, purpose: "taking a transfer slot of host \(host)")
        }
    }

    public func releaseHostSlot(_ host: String) throws(StoreError) {
        do {
            try hostSlots.release(host)
        } catch {
            throw storeError(error, purpose: "giving back a transfer slot of host \(host)")
        }
    }
}
