import Foundation

/// How big the state is, kind by kind, for `feedwatch state stats`.
public struct StateStatistics: Sendable, Equatable {
    /// One kind of state: its rows and the bytes its tables and indexes take.
    public struct Kind: Sendable, Equatable {
        /// The kind's name as the JSON writes it (`seen_items`, `archived_items` …).
        public var name: String
        public var rows: Int
        /// Bytes of its tables and indexes; nil when the backend cannot tell them apart.
        public var bytes: Int64?

        public init(name: String, rows: Int, bytes: Int64?) {
            self.name = name
            self.rows = rows
            self.bytes = bytes
        }
    }

    /// Where the state is (the file, for SQLite).
    public var location: String
    /// Seen items, archived item texts, stories, outbox rows, indexed alerts,
    /// alert evidence copies, acknowledgements, feed states, in that order.
    public var kinds: [Kind]
    /// Seen items absent from their feed, waiting to be forgotten.
    public var absentSeenItems: Int
    /// Outbox rows still pending: retention never drops them.
    public var pendingDeliveries: Int
    /// The size of the state on disk (for SQLite the database file, without its write-ahead log).
    public var fileBytes: Int64
    /// The write-ahead log beside it, not yet copied into the file.
    public var walBytes: Int64
    /// Space inside the file that retention freed and new rows will reuse (`state vacuum` returns it).
    public var freeBytes: Int64
    /// Bytes not counted in any kind: the schema, bookkeeping, free space.
    public var otherBytes: Int64?
    /// When retention last ran to the end.
    public var lastPrune: Date?

    public init(
        location: String, kinds: [Kind], absentSeenItems: Int, pendingDeliveries: Int,
        fileBytes: Int64, walBytes: Int64, freeBytes: Int64, otherBytes: Int64?, lastPrune: Date?
    ) {
        self.location = location
        self.kinds = kinds
        self.absentSeenItems = absentSeenItems
        self.pendingDeliveries = pendingDeliveries
        self.fileBytes = fileBytes
        self.walBytes = walBytes
        self.freeBytes = freeBytes
        self.otherBytes = otherBytes
        self.lastPrune = lastPrune
    }

    /// The kind called `name`.
    public func kind(_ name: String) -> Kind? {
        kinds.first { $0.name == name }
    }
}

/// The size of the state before and after `feedwatch state vacuum`.
public struct VacuumResult: Sendable, Equatable {
    public var bytesBefore: Int64
    public var bytesAfter: Int64

    public init(bytesBefore: Int64, bytesAfter: Int64) {
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}
