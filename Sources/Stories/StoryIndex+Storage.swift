import Foundation
import Store

extension StoryIndex {
    /// Loads the stories that new reports may still join.
    public static func load(
        from store: any StoryStore, now: Date, window: TimeInterval = 48 * 3600
    ) throws(StoreError) -> StoryIndex {
        let stored = try store.stories(since: now.addingTimeInterval(-window))
        return StoryIndex(stories: stored.map(Story.init(stored:)), window: window)
    }

    /// The stories changed since they were last saved, as the store keeps
    /// them: the pipeline saves them with the commit of the feed that changed them.
    public var unsavedStories: [StoredStory] {
        stories.filter(\.changed).map(\.stored)
    }

    /// Notes that `saved` (from `unsavedStories`) are in the store now.
    public mutating func markSaved(_ saved: [StoredStory]) {
        let ids = Set(saved.map(\.id))
        for index in stories.indices where ids.contains(stories[index].id) {
            stories[index].changed = false
        }
    }
}

extension StoryIndex.Story {
    init(stored: StoredStory) {
        self.init(
            id: stored.id, signatures: Self.decode(stored.signatures), firstSeen: stored.firstSeen,
            lastSeen: stored.lastSeen, feeds: Set(stored.feeds), entities: Set(stored.entities),
            alertedRules: Set(stored.alertedRules))
    }

    var stored: StoredStory {
        StoredStory(
            id: id, firstSeen: firstSeen, lastSeen: lastSeen, feeds: feeds.sorted(),
            entities: entities.sorted(), alertedRules: alertedRules.sorted(),
            signatures: Self.encode(signatures))
    }

    /// Signatures as little-endian UInt64 slots, one signature after another.
    static func encode(_ signatures: [MinHashSignature]) -> Data {
        var data = Data(capacity: signatures.count * MinHashSignature.size * 8)
        for signature in signatures {
            for slot in signature.slots {
                for byte in 0..<8 { data.append(UInt8(truncatingIfNeeded: slot >> (8 * byte))) }
            }
        }
        return data
    }

    /// The inverse of `encode`; a damaged blob gives the whole signatures it holds.
    static func decode(_ data: Data) -> [MinHashSignature] {
        let bytes = [UInt8](data)
        let width = MinHashSignature.size * 8
        return stride(from: 0, to: bytes.count - width + 1, by: width).map { start in
            MinHashSignature(
                slots: (0..<MinHashSignature.size).map { slot in
                    (0..<8).reduce(UInt64(0)) { value, byte in
                        value | UInt64(bytes[start + slot * 8 + byte]) << (8 * UInt64(byte))
                    }
                })
        }
    }
}
