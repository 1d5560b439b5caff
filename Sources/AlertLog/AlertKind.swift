/// What an alert record is, so that a receiver can tell them apart.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    /// A rule fired on a report and alerted: the first report of a story, or
    /// a later one the rule's notify policy asks for.
    case alert
    /// A rule fired on a later report of a story it already alerted on: the
    /// firing is folded into the story, written to the log and the index and
    /// sent to no sink.
    case report
    /// A story the rule alerted on reached the rule's `escalate` number of feeds.
    case escalation
    /// A feed went dark or came back.
    case feedHealth = "feed-health"

    /// Whether the record was raised (sent to its rule's sinks), not folded.
    public var isRaised: Bool { self != .report }
}
