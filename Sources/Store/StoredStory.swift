import Foundation

/// A story as the store keeps it: reports of one incident from several feeds.
/// The members are opaque bytes to the store (the alerting stage encodes them).
public struct StoredStory: Sendable, Equatable {
    public var id: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var feeds: [String]
    public var entities: [String]
    public var alertedRules: [String]
    /// Rules that raised their escalation on the story: never twice.
    public var escalatedRules: [String]
    public var members: Data

    public init(
        id: String, firstSeen: Date, lastSeen: Date, feeds: [String], entities: [String],
        alertedRules: [String], escalatedRules: [String] = [], members: Data
    ) {
        self.id = id
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.feeds = feeds
        self.entities = entities
        self.alertedRules = alertedRules
        self.escalatedRules = escalatedRules
        self.members = members
    }
}
