import FeedModel

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
    /// One message per failure, death or outbox error, naming the sink and
    /// URL; the first `problemLimit` of them, so a backlog refused by one
    /// receiver does not flood the monitor's log.
    public private(set) var problems: [String] = []
    /// Problems beyond `problemLimit`, counted but not kept.
    public private(set) var omittedProblems = 0

    /// The most problems kept.
    public static let problemLimit = 20

    public init(sent: Int = 0, failed: Int = 0, dead: Int = 0, pending: Int = 0) {
        self.sent = sent
        self.failed = failed
        self.dead = dead
        self.pending = pending
    }

    /// `webhooks: 3 sent, 1 failed, 0 dead, 5 pending`
    public var line: String {
        "webhooks: \(sent) sent, \(failed) failed, \(dead) dead, \(pending) pending"
            + (omittedProblems > 0
                ? " (\(Counted.phrase(omittedProblems, "more problem")) not listed)" : "")
    }

    /// Whether nothing happened and nothing waits: the monitor may skip the log line.
    public var isQuiet: Bool { sent == 0 && failed == 0 && dead == 0 && pending == 0 }

    /// Records a problem, or counts it once `problemLimit` are kept.
    mutating func note(_ problem: String) {
        if problems.count < Self.problemLimit {
            problems.append(problem)
        } else {
            omittedProblems += 1
        }
    }

    /// Adds the counts and problems of a later round, and takes its `pending`
    /// (it read the outbox last).
    public mutating func add(_ other: DeliverySummary) {
        pending = other.pending
        sent += other.sent
        failed += other.failed
        dead += other.dead
        for problem in other.problems { note(problem) }
        omittedProblems += other.omittedProblems
    }
}
