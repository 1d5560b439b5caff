/// How many deliveries of one sink the outbox holds in each state, for `feedwatch sinks`.
public struct DeliveryCounts: Sendable, Equatable {
    public var pending: Int
    public var delivered: Int
    public var dead: Int

    public init(pending: Int = 0, delivered: Int = 0, dead: Int = 0) {
        self.pending = pending
        self.delivered = delivered
        self.dead = dead
    }
}
