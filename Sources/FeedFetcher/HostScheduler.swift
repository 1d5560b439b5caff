/// Hands out queued work so that at most `maxActive` items run at once and
/// at most `maxPerHost` of them per host, taking hosts in turn.
///
/// Taking hosts in turn is what keeps a host with 500 feeds from starving
/// the others: libcurl's own per-host limit would park the 500 in its queue,
/// each holding one of the `maxActive` slots. Pure value type, no locking.
struct HostScheduler<Element> {
    let maxActive: Int
    let maxPerHost: Int
    private var queues: [String: [Element]] = [:]
    private var queueHeads: [String: Int] = [:]
    /// Hosts with queued work, in turn order.
    private var rotation: [String] = []
    private var cursor = 0
    private var activeByHost: [String: Int] = [:]
    private(set) var activeCount = 0
    private(set) var pendingCount = 0

    init(maxActive: Int, maxPerHost: Int) {
        self.maxActive = max(1, maxActive)
        self.maxPerHost = max(1, maxPerHost)
    }

    /// Nothing queued and nothing running.
    var isIdle: Bool { pendingCount == 0 && activeCount == 0 }

    func activeCount(for host: String) -> Int { activeByHost[host, default: 0] }

    mutating func enqueue(_ element: Element, host: String) {
        if queues[host] == nil {
            queues[host] = []
            queueHeads[host] = 0
            rotation.append(host)
        }
        queues[host, default: []].append(element)
        pendingCount += 1
    }

    /// The next item allowed to start, marked active; nil when every slot is
    /// taken or every host with queued work is at its limit. `admitting` is
    /// asked last, for a host with queued work and a free slot here: a host
    /// it refuses keeps its queue and the next host is tried.
    mutating func next(admitting: (String) -> Bool = { _ in true }) -> (
        element: Element, host: String
    )? {
        guard activeCount < maxActive, !rotation.isEmpty else { return nil }
        for step in 0..<rotation.count {
            let index = (cursor + step) % rotation.count
            let host = rotation[index]
            guard activeByHost[host, default: 0] < maxPerHost, hasQueued(host), admitting(host),
                let element = dequeue(host: host, at: index)
            else {
                continue
            }
            activeByHost[host, default: 0] += 1
            activeCount += 1
            return (element, host)
        }
        return nil
    }

    /// Marks one item of `host` as done, freeing its slots.
    mutating func finish(host: String) {
        guard let active = activeByHost[host], active > 0 else { return }
        activeByHost[host] = active == 1 ? nil : active - 1
        activeCount -= 1
    }

    /// Removes and returns everything still queued (for cancellation).
    mutating func removeAllPending() -> [Element] {
        var pending: [Element] = []
        for host in rotation {
            pending.append(contentsOf: queues[host, default: []][queueHeads[host, default: 0]...])
        }
        queues = [:]
        queueHeads = [:]
        rotation = []
        cursor = 0
        pendingCount = 0
        return pending
    }

    private func hasQueued(_ host: String) -> Bool {
        guard let queue = queues[host], let head = queueHeads[host] else { return false }
        return head < queue.count
    }

    private mutating func dequeue(host: String, at index: Int) -> Element? {
        guard let queue = queues[host], let head = queueHeads[host], head < queue.count else {
            return nil
        }
        let element = queue[head]
        pendingCount -= 1
        if head + 1 == queue.count {
            // The host's queue is empty: drop it from the turn order.
            queues[host] = nil
            queueHeads[host] = nil
            rotation.remove(at: index)
            cursor = rotation.isEmpty ? 0 : index % rotation.count
        } else {
            queueHeads[host] = head + 1
            cursor = (index + 1) % rotation.count
        }
        return element
    }
}
