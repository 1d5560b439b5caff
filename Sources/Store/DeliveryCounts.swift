import Foundation

/// How many deliveries of one sink the outbox holds in each state, for `feedwatch sinks`.
public struct DeliveryCounts: Sendable, Equatable {
    public var pending: Int
    public var delivered: Int
    public var dead: Int
    /// The delivery that died last, and why: what an operator needs to fix
    /// the receiver (a 410's answer, an expiry after 12 attempts).
    public var lastDeath: Death?

    /// A dead delivery's reason.
    public struct Death: Sendable, Equatable {
        public var alertID: String
        public var reason: String
        public var time: Date?

        public init(alertID: String, reason: String, time: Date?) {
            self.alertID = alertID
            self.reason = reason
            self.time = time
        }
    }

    public init(pending: Int = 0, delivered: Int = 0, dead: Int = 0, lastDeath: Death? = nil) {
        self.pending = pending
        self.delivered = delivered
        self.dead = dead
        self.lastDeath = lastDeath
    }
}
