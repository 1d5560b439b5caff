import AlertLog
import Foundation
import Store

/// Answers `feedwatch stories`: the stories of the state, each with every
/// report the log recorded for it (raised or folded), read through the
/// alert index.
public struct StoryReview {
    let search: AlertSearch
    let stories: any StoryStore

    public init(search: AlertSearch, stories: any StoryStore) {
        self.search = search
        self.stories = stories
    }

    /// The stories with a report at or after `since` (all when nil), naming
    /// `entity` when given, the most recently reported first.
    public func list(since: Date?, entity: String?) throws -> [StoryView] {
        try stories.stories(lastSeenSince: since)
            .filter { story in entity.map { story.entities.contains($0) } ?? true }
            .map(view)
    }

    /// The story whose id is, or starts with, `id`; nil when none is, and
    /// `ambiguous` when several are.
    public func story(startingWith id: String) throws -> (story: StoryView?, ambiguous: Bool) {
        if let exact = try stories.stories(ids: [id]).first { return (try view(exact), false) }
        let matching = try stories.stories(lastSeenSince: nil).filter { $0.id.hasPrefix(id) }
        guard matching.count <= 1 else { return (nil, true) }
        return (try matching.first.map(view), false)
    }

    /// A story with its records, grouped into reports (one per item of a feed).
    func view(_ story: StoredStory) throws -> StoryView {
        var filter = AlertFilter(story: story.id)
        filter.folded = true
        // Newest first from the search: the story reads oldest first.
        let records = try search.alerts(matching: filter, limit: nil).alerts.reversed()
        var reports: [StoryView.Report] = []
        var escalations: [String] = []
        for record in records {
            if record.kind == .escalation {
                escalations.append(record.id)
                continue
            }
            let raised = record.kind == .alert ? record.id : nil
            if let index = reports.firstIndex(where: {
                $0.feed == record.feed && $0.item.id == record.item.id
            }) {
                if !reports[index].rules.contains(record.rule) {
                    reports[index].rules.append(record.rule)
                }
                if reports[index].alert == nil { reports[index].alert = raised }
            } else {
                reports.append(
                    StoryView.Report(
                        feed: record.feed, item: record.item, time: record.time,
                        rules: [record.rule], alert: raised))
            }
        }
        return StoryView(
            id: story.id, firstSeen: story.firstSeen, lastSeen: story.lastSeen,
            sources: story.feeds.count, feeds: story.feeds, entities: story.entities,
            alert: reports.lazy.compactMap(\.alert).first, escalations: escalations,
            reports: reports)
    }
}

/// A story as `feedwatch stories` shows it; `--json` writes one per line.
public struct StoryView: Sendable, Equatable, Encodable {
    public var id: String
    public var firstSeen: Date
    public var lastSeen: Date
    /// How many feeds carried it.
    public var sources: Int
    public var feeds: [String]
    public var entities: [String]
    /// The id of the first alert the story raised; nil when every report was
    /// folded (its alert is older than the log, or was raised under other rules).
    public var alert: String?
    /// Ids of the escalations it raised.
    public var escalations: [String]
    /// Every report, oldest first.
    public var reports: [Report]

    /// One item of one feed in the story.
    public struct Report: Sendable, Equatable, Encodable {
        public var feed: String
        public var item: AlertItem
        /// When the monitor recorded it.
        public var time: Date
        /// The rules that fired on it.
        public var rules: [String]
        /// The alert it raised; nil when its firings were folded into the story.
        public var alert: String?

        enum CodingKeys: String, CodingKey { case feed, item, time, rules, alert }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(feed, forKey: .feed)
            try container.encode(item, forKey: .item)
            try container.encode(time, forKey: .time)
            try container.encode(rules, forKey: .rules)
            try container.encode(alert, forKey: .alert)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, sources, feeds, entities, alert, escalations, reports
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    // `alert` is written as null, not left out: every line has the same shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(firstSeen, forKey: .firstSeen)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(sources, forKey: .sources)
        try container.encode(feeds, forKey: .feeds)
        try container.encode(entities, forKey: .entities)
        try container.encode(alert, forKey: .alert)
        try container.encode(escalations, forKey: .escalations)
        try container.encode(reports, forKey: .reports)
    }
}
