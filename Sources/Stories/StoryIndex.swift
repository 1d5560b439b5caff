import FeedModel
import Foundation

/// The stories of the recent past, and which one a new report belongs to.
///
/// Online single-pass clustering, as in first-story detection: a report is
/// held against the stories of the window and joins the one it scores
/// highest against when that score reaches the threshold; otherwise it
/// starts a story of its own. The score is the TF-IDF cosine of title and
/// lead with the story's closest member, less a decay with the time between
/// them (at most a few hours when both name one day for their event,
/// `EventDay`); a story whose headlines tell another kind of event is not a
/// candidate, and a feed's own earlier reports count only when the new one
/// is a near-duplicate of them (see `score(of:against:)`).
///
/// The monitor loads the recent stories from the store before a pass and
/// saves the ones that changed with each feed's commit.
public struct StoryIndex: Sendable {
    public var grouping: StoryGrouping
    public internal(set) var stories: [Story]
    /// Term frequencies over the stories' members and every report placed since.
    public internal(set) var frequency: DocumentFrequency

    public init(stories: [Story] = [], grouping: StoryGrouping = StoryGrouping()) {
        self.stories = stories
        self.grouping = grouping
        var frequency = DocumentFrequency()
        for story in stories {
            for member in story.members { frequency.add(terms: member.vector.terms) }
        }
        self.frequency = frequency
    }

    /// Where a report landed.
    public struct Placement: Sendable, Equatable {
        public var storyID: String
        /// It started a new story.
        public var isNew: Bool
        /// Entities this report named that the story did not have before it.
        public var newEntities: Set<String>
        /// The time the report was placed at (`StoryReport.time`).
        public var time: Date
    }

    /// Files a report under its story, creating one when nothing is close enough.
    public mutating func place(_ report: StoryReport) -> Placement {
        // The report is counted before it is weighed, as an archive stores an
        // item before the rules see it: a term only it holds is rare, not unknown.
        frequency.add(terms: report.termCounts.keys)
        let vector = TermVector(
            termCounts: report.termCounts, frequency: frequency,
            newsFactor: grouping.newsFactor, maximumTerms: grouping.maximumTerms)
        let member = Story.Member(
            feed: report.feed, time: report.time, event: report.event, toll: report.toll,
            eventDay: grouping.readsEventDays ? report.eventDay : nil, vector: vector)
        var best: (index: Int, score: Double)?
        for index in stories.indices {
            guard let score = score(of: member, against: stories[index]),
                score >= grouping.threshold, score > (best?.score ?? -.infinity)
            else { continue }
            best = (index, score)
        }
        guard let best else {
            let id =
                "s-" + String(StableHash.hex128(of: ["story", report.feed, report.id]).prefix(16))
            stories.append(
                Story(
                    id: id, firstSeen: report.time, lastSeen: report.time, feeds: [report.feed],
                    entities: report.entities, members: [member], changed: true))
            return Placement(
                storyID: id, isNew: true, newEntities: report.entities, time: report.time)
        }
        let newEntities = report.entities.subtracting(stories[best.index].entities)
        stories[best.index].join(member, entities: report.entities, grouping: grouping)
        return Placement(
            storyID: stories[best.index].id, isNew: false, newEntities: newEntities,
            time: report.time)
    }

    /// How close a report is to a story, or nil when it may not join it:
    /// outside the window, a headline of another kind of event, or a feed
    /// that already carried the story and whose report is no near-duplicate
    /// of its earlier one and has no other feed's report to be held against.
    ///
    /// A feed writes every incident in its house style (its datelines, its
    /// stock phrases), so likeness to its own earlier item is weak evidence;
    /// the story's other outlets are independent witnesses.
    func score(of report: Story.Member, against story: Story) -> Double? {
        guard abs(report.time.timeIntervalSince(story.firstSeen)) <= grouping.window else {
            return nil
        }
        if story.members.contains(where: {
            $0.event.conflicts(with: report.event)
                || (grouping.comparesTolls && $0.tollConflicts(with: report))
        }) {
            return nil
        }
        var pool = story.members
        if story.members.contains(where: { $0.feed == report.feed }) {
            let ownFeed = story.members.filter { $0.feed == report.feed }
            if ownFeed.contains(where: {
                $0.vector.jaccard(with: report.vector) >= grouping.nearDuplicate
            }) {
                return 1
            }
            pool = pool.filter { $0.feed != report.feed }
        }
        if pool.isEmpty { return nil }
        let decayPerSecond = grouping.decayPerDay / 86400
        return pool.map { member in
            // Entities are evidence, not the decision: a member that names only
            // other entities than the report is weaker witness for it (a claim
            // names the group, the first flash the victim).
            let otherEntities =
                member.vector.namesOtherEntities(than: report.vector)
                ? grouping.otherEntitiesPenalty : 0
            return member.vector.cosine(with: report.vector) - otherEntities
                - decayPerSecond * member.distance(to: report, sameDay: grouping.sameDayDistance)
        }.max()
    }

    /// Whether `rule` should alert on a report placed in `placement`: the first
    /// report of a story alerts, later ones only when the rule asks for every
    /// report or the report brings a watchlisted entity the story lacked.
    public func shouldAlert(rule: String, placement: Placement, notifyEach: Bool) -> Bool {
        if notifyEach || placement.isNew || !placement.newEntities.isEmpty { return true }
        guard let story = story(placement.storyID) else { return true }
        return !story.alertedRules.contains(rule)
    }

    /// Records that `rule` alerted on the story.
    public mutating func recordAlert(rule: String, storyID: String) {
        guard let index = stories.firstIndex(where: { $0.id == storyID }) else { return }
        stories[index].alertedRules.insert(rule)
        stories[index].changed = true
    }

    /// The story with this id, when the index holds it.
    public func story(_ id: String) -> Story? {
        stories.first { $0.id == id }
    }

    /// The current number of feeds carrying a story.
    public func sources(of storyID: String) -> Int {
        story(storyID)?.sources ?? 1
    }
}
