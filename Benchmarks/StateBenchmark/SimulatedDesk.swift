import AlertLog
import BenchmarkSupport
import FeedModel
import Foundation
import Store

/// A desk's feeds as the state sees them, generated from a seed: each feed
/// publishes items through the day and lists its newest ones; a small share
/// of items fire a rule, which makes an alert, a webhook delivery and a story.
struct SimulatedDesk {
    let feeds: Int
    let itemsPerDay: Int
    /// How many items a feed's body lists: the newest ones.
    let listed: Int
    /// The share of new items that fire a rule.
    let alertShare: Double
    /// Raw HTML bytes of an item's content (its plain text is about as long).
    let contentBytes: Int

    /// Items each feed has published so far; the newest `listed` are in its body.
    private var published: [Int]
    private var generator = SeededGenerator(state: 20_261_203)
    /// Recent stories, oldest first, that later firings join (a story takes reports for 48 hours).
    private var stories: [StoredStory] = []
    private let words: [String]

    init(feeds: Int, itemsPerDay: Int, listed: Int, alertShare: Double, contentBytes: Int) {
        self.feeds = feeds
        self.itemsPerDay = itemsPerDay
        self.listed = listed
        self.alertShare = alertShare
        self.contentBytes = contentBytes
        published = Array(repeating: 0, count: feeds)
        words = Self.vocabulary
    }

    static func feedName(_ index: Int) -> String { "feed-\(index)" }

    static func itemID(feed: Int, number: Int) -> String {
        "https://news\(feed % 97).example.org/\(feedName(feed))/2026/\(number)-story-\(number &* 7919 % 100_000)"
    }

    /// One body read of feed `index` at `time`, bringing `count` new items:
    /// the commit the pass would make, and the alert ids it would ask about.
    mutating func turn(feed index: Int, newItems count: Int, at time: Date) -> (
        commit: PassCommit, candidateAlerts: [String]
    ) {
        let feed = Self.feedName(index)
        let first = published[index]
        published[index] += count
        var seen: [SeenItem] = []
        var entries: [AlertIndexEntry] = []
        var deliveries: [NewDelivery] = []
        var changedStories: [StoredStory] = []
        for number in first..<published[index] {
            let item = makeItem(feed: index, number: number)
            seen.append(
                SeenItem(
                    item: item,
                    contentHash: StableHash.hex128(of: [item.text.title, item.text.summary]),
                    firstSeen: time))
            guard Double(generator.next() >> 11) / Double(1 << 53) < alertShare else { continue }
            let rule = "desk-rule-\(generator.skewed(40))"
            let alertID = AlertID.make(rule: rule, feed: feed, itemID: item.id)
            let story = place(feed: feed, at: time)
            changedStories.append(story)
            entries.append(
                AlertIndexEntry(
                    alertID: alertID, time: time, rule: rule, severity: "high", severityRank: 3,
                    feed: feed, story: story.id, title: item.title, logFile: "alerts.jsonl",
                    byteOffset: Int64(number) * 1_200,
                    entities: ["entity-\(generator.skewed(150))"],
                    searchText: (item.text.title + "\n" + item.text.summary.prefix(200))
                        .lowercased()))
            deliveries.append(
                NewDelivery(
                    alertID: alertID, sink: "ops",
                    payload: Data(
                        "{\"id\":\"\(alertID)\",\"rule\":\"\(rule)\",\"feed\":\"\(feed)\",\"title\":\(JSONString.quoted(item.title ?? "")),\"snippet\":\(JSONString.quoted(String(item.text.summary.prefix(300)))),\"link\":\(JSONString.quoted(item.link ?? ""))}"
                            .utf8), firstAttempt: time, expiresAt: time.addingTimeInterval(86_400)))
        }
        let newest = max(0, published[index] - listed)..<published[index]
        let state = FeedState(
            name: feed, url: "https://news\(index % 97).example.org/\(feed)/rss.xml",
            etag: "\"\(published[index])\"", lastModified: nil, lastStatus: 200,
            lastSuccess: time, lastAttempt: time, nextPoll: time.addingTimeInterval(600),
            itemCount: newest.count, lastNewItem: count > 0 ? time : nil, lastBytes: 80_000,
            lastDuration: 0.2)
        return (
            PassCommit(
                feed: feed, seenItems: seen, alertIndexEntries: entries, deliveries: deliveries,
                stories: changedStories, feedStates: [state],
                listing: FeedListing(
                    itemIDs: newest.map { Self.itemID(feed: index, number: $0) }, readAt: time)),
            entries.map(\.alertID)
        )
    }

    /// Files a firing under a story: a new one about half the time, else a
    /// recent one that another feed's report joins.
    private mutating func place(feed: String, at time: Date) -> StoredStory {
        while let oldest = stories.first, time.timeIntervalSince(oldest.firstSeen) >= 48 * 3600 {
            stories.removeFirst()
        }
        if !stories.isEmpty, generator.below(2) == 0 {
            let index = generator.below(stories.count)
            stories[index].lastSeen = time
            if !stories[index].feeds.contains(feed) { stories[index].feeds.append(feed) }
            // A story keeps 16 members of about 1.5 KB (48 weighted terms as JSON).
            if stories[index].members.count < 16 * 1_500 {
                stories[index].members.append(Data(count: 1_500))
            }
            return stories[index]
        }
        let id = "s-" + String(StableHash.hex128(of: ["story", feed, "\(time)"]).prefix(16))
        let story = StoredStory(
            id: id, firstSeen: time, lastSeen: time, feeds: [feed],
            entities: ["entity-\(generator.skewed(150))"], alertedRules: ["desk-rule-0"],
            members: Data(count: 1_500))
        stories.append(story)
        return story
    }

    private mutating func makeItem(feed: Int, number: Int) -> Item {
        let id = Self.itemID(feed: feed, number: number)
        let title = sentence(words: 8 + generator.below(8))
        let summary = sentence(words: 20 + generator.below(20))
        var body = ""
        var text = ""
        while body.utf8.count < contentBytes {
            let paragraph = sentence(words: 20 + generator.below(20))
            body += "<p>" + paragraph + "</p>"
            text += paragraph + "\n"
        }
        return Item(
            id: id, title: title, link: id + "?utm_source=rss", summary: "<p>\(summary)</p>",
            content: body, authors: ["Staff Reporter"], categories: ["world", "asia"],
            published: nil, updated: nil,
            text: ItemText(title: title, summary: summary, content: text))
    }

    private mutating func sentence(words count: Int) -> String {
        (0..<count).map { _ in words[generator.below(words.count)] }.joined(separator: " ")
    }

    private static let vocabulary =
        """
        attack blast killed wounded police checkpoint ministry convoy militants claim responsibility
        border crossing talks ceasefire army operation suicide bomber mosque market officials say
        district raid arrested province security forces protest strike drone night rocket minister
        government election parliament court ruling president spokesman statement refugees camp aid
        agency flood earthquake rescue victims hospital doctors children women schools reopened
        Kabul Kandahar Herat Jalalabad Peshawar Quetta Karachi Lahore Islamabad Kunduz Khost Bannu
        """.split(whereSeparator: \.isWhitespace).map(String.init)
}
