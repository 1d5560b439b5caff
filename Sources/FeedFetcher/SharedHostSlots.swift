/// The per-host cap counted over several processes, not this one alone: the
/// monitors of a fleet sharing one state poll the same hosts, and a host
/// must see at most `FetchOptions.perHost` transfers from all of them.
///
/// The fetcher takes a slot before a transfer to a host starts and gives it
/// back when the transfer ends. A host whose slots other processes hold
/// waits, its feeds queued, while the other hosts go on.
public protocol SharedHostSlots: Sendable {
    /// Takes one of `host`'s `limit` slots; false when all are held.
    func take(host: String, limit: Int) -> Bool

    /// Gives back a slot `take` gave for `host`.
    func giveBack(host: String)
}

/// The fetch loop's side of `SharedHostSlots`. The loop looks for work after
/// every bit of activity, so a host refused is not asked again for a moment.
struct HostSlotGate {
    let slots: (any SharedHostSlots)?
    let limit: Int
    private var refusedUntil: [String: ContinuousClock.Instant] = [:]
    /// How long a refused host waits before it is asked again.
    static let pause: Duration = .milliseconds(200)

    init(slots: (any SharedHostSlots)?, limit: Int) {
        self.slots = slots
        self.limit = limit
    }

    /// Whether a transfer to `host` may start now; when true a slot is held
    /// until `finished(host)`.
    mutating func admits(_ host: String) -> Bool {
        guard let slots else { return true }
        let now = ContinuousClock.now
        if let until = refusedUntil[host], now < until { return false }
        guard slots.take(host: host, limit: limit) else {
            refusedUntil[host] = now + Self.pause
            return false
        }
        refusedUntil[host] = nil
        return true
    }

    /// A transfer to `host` that `admits` let start has ended.
    func finished(_ host: String) {
        slots?.giveBack(host: host)
    }
}
