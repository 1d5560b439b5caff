import FeedModel
import Foundation

/// feedwatch's state in one SQLite file: feed HTTP state, seen items, the
/// item archive and (later) the alert outbox.
///
/// (Interface fixed by the foundation issue; the SQLite implementation lands with the monitor issue.)
public final class StateStore: @unchecked Sendable {
    /// Opens (creating and migrating) the database at `path`, and takes the
    /// lock that keeps a second monitor off the same state.
    public init(path: String) throws(StoreError) {}

    /// HTTP and health state of one feed, if it was ever polled.
    public func feedState(name: String) throws(StoreError) -> FeedState? { nil }

    public func saveFeedState(_ state: FeedState) throws(StoreError) {}

    /// The items of `feed` seen so far: item id → content hash.
    public func seenItems(feed: String) throws(StoreError) -> [String: String] { [:] }

    /// Records items as seen (after their alerts are safely logged) and archives their text.
    public func markSeen(feed: String, items: [SeenItem]) throws(StoreError) {}

    /// Archived items first seen at or after `since`, oldest first (for `replay`).
    public func archivedItems(since: Date) throws(StoreError) -> [ArchivedItem] { [] }
}

/// An item to record as seen, with what the archive keeps of it.
public struct SeenItem: Sendable, Equatable {
    public var item: Item
    public var contentHash: String
    public var firstSeen: Date

    public init(item: Item, contentHash: String, firstSeen: Date) {
        self.item = item
        self.contentHash = contentHash
        self.firstSeen = firstSeen
    }
}

/// An item from the archive, with the feed it came from.
public struct ArchivedItem: Sendable, Equatable {
    public var feed: String
    public var item: Item
    public var firstSeen: Date
}

/// The HTTP and health state of one feed between polls.
public struct FeedState: Sendable, Equatable {
    public var name: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastStatus: Int?
    public var lastError: String?
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    public var nextPoll: Date?
    public var consecutiveFailures: Int
    public var itemCount: Int

    public init(
        name: String, url: String, etag: String? = nil, lastModified: String? = nil,
        lastStatus: Int? = nil, lastError: String? = nil, lastSuccess: Date? = nil,
        lastAttempt: Date? = nil, nextPoll: Date? = nil, consecutiveFailures: Int = 0,
        itemCount: Int = 0
    ) {
        self.name = name
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.nextPoll = nextPoll
        self.consecutiveFailures = consecutiveFailures
        self.itemCount = itemCount
    }
}

/// A failure of the state database. Messages start with `store:` and name the file.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    case locked(path: String)
    case sqlite(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "store: cannot open \(path): \(reason)"
        case .locked(let path):
            "store: \(path) is in use by another feedwatch (only one monitor may use a state file)"
        case .sqlite(let path, let message): "store: \(path): \(message)"
        }
    }
}
