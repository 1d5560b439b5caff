import Foundation
import Store

extension StoryIndex {
    /// Loads the stories that new reports may still join.
    public static func load(
        from store: any StoryStore, now: Date, grouping: StoryGrouping = StoryGrouping()
    ) throws(StoreError) -> StoryIndex {
        let stored = try store.stories(since: now.addingTimeInterval(-grouping.window))
        return StoryIndex(stories: stored.map(Story.init(stored:)), grouping: grouping)
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
            id: stored.id, firstSeen: stored.firstSeen, lastSeen: stored.lastSeen,
            feeds: Set(stored.feeds), entities: Set(stored.entities),
            alertedRules: Set(stored.alertedRules), escalatedRules: Set(stored.escalatedRules),
            members: Self.decode(stored.members))
    }

    var stored: StoredStory {
        StoredStory(
            id: id, firstSeen: firstSeen, lastSeen: lastSeen, feeds: feeds.sorted(),
            entities: entities.sorted(), alertedRules: alertedRules.sorted(),
            escalatedRules: escalatedRules.sorted(), members: Self.encode(members))
    }

    /// Members as compact JSON with sorted keys: the same story is the same bytes.
    static func encode(_ members: [Member]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        // Members are strings, numbers and dates only: encoding cannot fail.
        return (try? encoder.encode(members)) ?? Data()
    }

    /// The inverse of `encode`; what cannot be read (a damaged blob, a story
    /// saved before members were kept) gives no members, and such a story is
    /// joined by no new report.
    static func decode(_ data: Data) -> [Member] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([Member].self, from: data)) ?? []
    }
}
