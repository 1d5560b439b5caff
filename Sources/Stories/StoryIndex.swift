import FeedModel
import Foundation

/// The stories of the recent past, and which one a new report belongs to.
///
/// A report joins the most similar story first seen within `window` of it
/// when their estimated similarity reaches `threshold`; otherwise it starts a
/// story of its own. The monitor loads the recent stories from the store
/// before a pass and saves the ones that changed after it.
public struct StoryIndex: Sendable {
    /// Reports of one incident arrive within a day or two; older stories are
    /// not joined, so that a new attack on the same ministry next month is news.
    public var window: TimeInterval
    public var threshold: Double
    public internal(set) var stories: [Story]

    public init(stories: [Story] = [], window: TimeInterval = 48 * 3600, threshold: Double = 0.2) {
        self.stories = stories
        self.window = window
        self.threshold = threshold
    }

    /// A story: the signatures of its first reports, and what has joined it since.
    public struct Story: Sendable, Equatable {
        /// Reports compared against: a story's wording drifts as outlets
        /// rewrite it, so a new report is held against the closest of them.
        public static let maximumSignatures = 8

        public var id: String
        public var signatures: [MinHashSignature]
        public var firstSeen: Date
        public var lastSeen: Date
        /// The feeds that carried it.
        public var feeds: Set<String>
        /// Every watchlisted entity any of its reports named.
        public var entities: Set<String>
        /// Rules that already alerted on it.
        public var alertedRules: Set<String>
        public var changed: Bool

        public init(
            id: String, signatures: [MinHashSignature], firstSeen: Date, lastSeen: Date,
            feeds: Set<String>, entities: Set<String>, alertedRules: Set<String> = [],
            changed: Bool = false
        ) {
            self.id = id
            self.signatures = signatures
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.feeds = feeds
            self.entities = entities
            self.alertedRules = alertedRules
            self.changed = changed
        }

        func similarity(to signature: MinHashSignature) -> Double {
            signatures.map { $0.similarity(to: signature) }.max() ?? 0
        }

        /// How many feeds carried the story.
        public var sources: Int { feeds.count }
    }

    /// Where a report landed.
    public struct Placement: Sendable, Equatable {
        public var storyID: String
        /// It started a new story.
        public var isNew: Bool
        /// Entities this report named that the story did not have before it.
        public var newEntities: Set<String>
    }

    /// Files a report under its story, creating one when nothing is close enough.
    public mutating func place(
        reportID: String, feed: String, signature: MinHashSignature, entities: Set<String>,
        at time: Date
    ) -> Placement {
        var best: (index: Int, similarity: Double)?
        for (index, story) in stories.enumerated()
        where abs(time.timeIntervalSince(story.firstSeen)) <= window {
            let similarity = story.similarity(to: signature)
            if similarity >= threshold && similarity > (best?.similarity ?? 0) {
                best = (index, similarity)
            }
        }
        if let best {
            let newEntities = entities.subtracting(stories[best.index].entities)
            stories[best.index].feeds.insert(feed)
            stories[best.index].entities.formUnion(entities)
            stories[best.index].lastSeen = max(stories[best.index].lastSeen, time)
            if stories[best.index].signatures.count < Story.maximumSignatures {
                stories[best.index].signatures.append(signature)
            }
            stories[best.index].changed = true
            return Placement(
                storyID: stories[best.index].id, isNew: false, newEntities: newEntities)
        }
        let id = "s-" + String(StableHash.hex128(of: ["story", feed, reportID]).prefix(16))
        stories.append(
            Story(
                id: id, signatures: [signature], firstSeen: time, lastSeen: time, feeds: [feed],
                entities: entities, changed: true))
        return Placement(storyID: id, isNew: true, newEntities: entities)
    }

    /// Whether `rule` should alert on a report placed in `placement`: the first
    /// report of a story alerts, later ones only when the rule asks for every
    /// report or the report brings a watchlisted entity the story lacked.
    public func shouldAlert(rule: String, placement: Placement, notifyEach: Bool) -> Bool {
        if notifyEach || placement.isNew || !placement.newEntities.isEmpty { return true }
        guard let story = stories.first(where: { $0.id == placement.storyID }) else { return true }
        return !story.alertedRules.contains(rule)
    }

    /// Records that `rule` alerted on the story.
    public mutating func recordAlert(rule: String, storyID: String) {
        guard let index = stories.firstIndex(where: { $0.id == storyID }) else { return }
        stories[index].alertedRules.insert(rule)
        stories[index].changed = true
    }

    /// The current number of feeds carrying a story.
    public func sources(of storyID: String) -> Int {
        stories.first { $0.id == storyID }?.sources ?? 1
    }
}
