import Foundation

/// What retention drops, as one cutoff per kind of state: anything older
/// than its cutoff goes. The alert index is not among them: it is the
/// review's way into the alert log, which is never pruned either.
public struct RetentionCutoffs: Sendable, Equatable {
    /// Archived item texts first seen before this are dropped; the items stay seen.
    public var archiveBefore: Date
    /// Seen items absent from their feed since before this are forgotten,
    /// with their archived text. An item still in its feed never is.
    public var forgetAbsentBefore: Date
    /// Stories first seen before this are dropped: no report can join them any more.
    public var storiesBefore: Date
    /// Delivered and dead webhook deliveries finished before this are dropped;
    /// pending ones never are.
    public var finishedDeliveriesBefore: Date

    public init(
        archiveBefore: Date, forgetAbsentBefore: Date, storiesBefore: Date,
        finishedDeliveriesBefore: Date
    ) {
        self.archiveBefore = archiveBefore
        self.forgetAbsentBefore = forgetAbsentBefore
        self.storiesBefore = storiesBefore
        self.finishedDeliveriesBefore = finishedDeliveriesBefore
    }
}

/// What one application of retention removed, by kind.
public struct PruneResult: Sendable, Equatable {
    /// Archived item texts dropped for age (not counting those that went with a forgotten item).
    public var archivedItems = 0
    /// Seen items forgotten (their archived texts went with them).
    public var seenItems = 0
    public var stories = 0
    /// Delivered and dead deliveries dropped.
    public var deliveries = 0
    /// False when a row limit stopped the prune before everything due was removed.
    public var complete = true

    public init(
        archivedItems: Int = 0, seenItems: Int = 0, stories: Int = 0, deliveries: Int = 0,
        complete: Bool = true
    ) {
        self.archivedItems = archivedItems
        self.seenItems = seenItems
        self.stories = stories
        self.deliveries = deliveries
        self.complete = complete
    }

    /// Rows removed, all kinds together.
    public var total: Int { archivedItems + seenItems + stories + deliveries }

    /// Adds the counts of a later step of the same prune; whether it is
    /// complete is the later step's to say.
    public mutating func add(_ other: PruneResult) {
        archivedItems += other.archivedItems
        seenItems += other.seenItems
        stories += other.stories
        deliveries += other.deliveries
        complete = other.complete
    }
}
