/// What one round of webhook deliveries did, for the monitor's log line.
public struct DeliverySummary: Sendable, Equatable {
    /// Deliveries the receivers accepted.
    public var sent = 0
    /// Attempts that failed and will be retried.
    public var failed = 0
    /// Deliveries given up: refused, expired, or for a sink no longer configured.
    public var dead = 0
    /// Deliveries still waiting in the outbox afterwards (due later, or held back).
    public var pending = 0
    /// One message per failure, death or outbox error, naming the sink and URL.
    public var problems: [String] = []

    public init(sent: Int = 0, failed: Int = 0, dead: Int = 0, pending: Int = 0) {
        self.sent = sent
        self.failed = failed
        self.dead = dead
        self.pending = pending
    }

    /// `webhooks: 3 sent, 1 failed, 0 dead, 5 pending`
    public var line: String {
        "webhooks: \(sent) sent, \(failed) failed, \(dead) dead, \(pending) pending"
    }

    /// Whether nothing happened and nothing waits: the monitor may skip the log line.
    public var isQuiet: Bool { sent == 0 && failed == 0 && dead == 0 && pending == 0 }

    /// Adds another round's counts and problems (its `pending` is ignored: it is read at the end).
    mutating func add(_ other: DeliverySummary) {
        sent += other.sent
        failed += other.failed
        dead += other.dead
        problems += other.problems
    }
}
