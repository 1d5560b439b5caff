/// How many alerts a review's filter matches, in total and by dimension (`alerts stats`).
public struct AlertCounts: Sendable, Equatable {
    public var total = 0
    public var byRule: [String: Int] = [:]
    public var byFeed: [String: Int] = [:]
    public var bySeverity: [String: Int] = [:]
    public var byDay: [String: Int] = [:]
    public var byEntity: [String: Int] = [:]

    public init() {}
}
