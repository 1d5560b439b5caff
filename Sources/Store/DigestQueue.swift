import Foundation

/// The messages of digest sinks (`digest = 1h`), held in the state until
/// their period ends, then folded into one delivery per sink and period.
///
/// Holding and folding are each one transaction, and a digest's key is made
/// from its sink and period, so a digest is neither lost to a restart nor
/// queued twice by a round repeated after a crash.
public protocol DigestQueue: Sendable {
    /// The held messages whose period ended at or before `now`, one batch per
    /// sink and period end, the oldest first.
    func dueDigests(now: Date) throws(StoreError) -> [DigestBatch]

    /// Queues `delivery` (unless its key is already queued for its sink) and
    /// drops the held entries `entryIDs`, in one transaction; changes nothing
    /// when another sender sharing the state folded any of them first.
    func foldDigest(entryIDs: [Int64], into delivery: NewDelivery) throws(StoreError)

    /// How many messages wait for their digest.
    func heldDigestEntryCount() throws(StoreError) -> Int
}

/// A message to hold for a digest sink.
public struct NewDigestEntry: Sendable, Equatable {
    /// The message's key (see `NewDelivery.alertID`).
    public var messageKey: String
    public var sink: String
    /// The alerts the message names.
    public var alertIDs: [String]
    /// The end of the digest period the message belongs to.
    public var due: Date
    /// The message's alerts, as the sink's digest will render them (JSON, as in the log).
    public var content: Data
    public var createdAt: Date

    public init(
        messageKey: String, sink: String, alertIDs: [String], due: Date, content: Data,
        createdAt: Date
    ) {
        self.messageKey = messageKey
        self.sink = sink
        self.alertIDs = alertIDs
        self.due = due
        self.content = content
        self.createdAt = createdAt
    }
}

/// The held messages of one sink whose digest period has ended.
public struct DigestBatch: Sendable, Equatable {
    public var sink: String
    /// The end of the period.
    public var due: Date
    public var entries: [Entry]

    /// One held message.
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var messageKey: String
        public var alertIDs: [String]
        public var content: Data
        public var createdAt: Date

        public init(
            id: Int64, messageKey: String, alertIDs: [String], content: Data, createdAt: Date
        ) {
            self.id = id
            self.messageKey = messageKey
            self.alertIDs = alertIDs
            self.content = content
            self.createdAt = createdAt
        }
    }

    public init(sink: String, due: Date, entries: [Entry]) {
        self.sink = sink
        self.due = due
        self.entries = entries
    }
}
