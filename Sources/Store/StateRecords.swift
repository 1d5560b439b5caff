import Foundation

/// A batch of one kind of record, whole: every column a backend keeps, so
/// that a state copied record by record into another backend is the same
/// state (first-seen times, delivery histories and outbox ids included).
public enum StateRecords: Sendable, Equatable {
    case feedStates([FeedState])
    case seenItems([SeenItemRecord])
    case archivedItems([ArchivedItem])
    /// Entries in index order (the log's order), with their searched text.
    case alertsIndexed([AlertIndexEntry])
    case alertEvidence([AlertEvidence])
    case acknowledgements([AlertAcknowledgement])
    /// Deliveries in queue order, with the alerts each names.
    case outbox([OutboxRecord])
    case digestEntries([HeldDigestEntry])
    /// Every mute, expired ones too.
    case mutes([Mute])
    case stories([StoredStory])
    case maintenanceRuns([MaintenanceRun])

    /// The kind of the records.
    public var kind: StateRecordKind {
        switch self {
        case .feedStates: .feedStates
        case .seenItems: .seenItems
        case .archivedItems: .archivedItems
        case .alertsIndexed: .alertsIndexed
        case .alertEvidence: .alertEvidence
        case .acknowledgements: .acknowledgements
        case .outbox: .outbox
        case .digestEntries: .digestEntries
        case .mutes: .mutes
        case .stories: .stories
        case .maintenanceRuns: .maintenanceRuns
        }
    }

    /// How many records the batch holds.
    public var count: Int {
        switch self {
        case .feedStates(let records): records.count
        case .seenItems(let records): records.count
        case .archivedItems(let records): records.count
        case .alertsIndexed(let records): records.count
        case .alertEvidence(let records): records.count
        case .acknowledgements(let records): records.count
        case .outbox(let records): records.count
        case .digestEntries(let records): records.count
        case .mutes(let records): records.count
        case .stories(let records): records.count
        case .maintenanceRuns(let records): records.count
        }
    }
}

/// A seen item as stored: which version of it was seen, since when, and
/// since when its feed no longer lists it.
public struct SeenItemRecord: Sendable, Equatable {
    public var feed: String
    public var itemID: String
    public var contentHash: String
    public var firstSeen: Date
    /// Nil while the item is in its feed.
    public var absentSince: Date?

    public init(
        feed: String, itemID: String, contentHash: String, firstSeen: Date, absentSince: Date?
    ) {
        self.feed = feed
        self.itemID = itemID
        self.contentHash = contentHash
        self.firstSeen = firstSeen
        self.absentSince = absentSince
    }
}

/// A delivery of the outbox with its history, and every alert its message names.
public struct OutboxRecord: Sendable, Equatable {
    public var delivery: OutboxDelivery
    public var alertIDs: [String]

    public init(delivery: OutboxDelivery, alertIDs: [String]) {
        self.delivery = delivery
        self.alertIDs = alertIDs
    }
}

/// A message held for a digest sink, with its id in the queue.
public struct HeldDigestEntry: Sendable, Equatable {
    public var id: Int64
    public var entry: NewDigestEntry

    public init(id: Int64, entry: NewDigestEntry) {
        self.id = id
        self.entry = entry
    }
}

/// When an upkeep task (`prune`) last ran to its end.
public struct MaintenanceRun: Sendable, Equatable {
    public var task: String
    public var lastRun: Date

    public init(task: String, lastRun: Date) {
        self.task = task
        self.lastRun = lastRun
    }
}
