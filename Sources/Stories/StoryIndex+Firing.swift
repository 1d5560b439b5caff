import FeedModel
import Foundation
import RuleEngine

extension StoryIndex {
    /// Files an item that fired rules under its story, so that reports of one
    /// incident from several feeds alert once per rule, not once per outlet.
    ///
    /// What the report is about: the words of its title and summary as the
    /// rules see them, and the watchlisted entities its hits named.
    public mutating func place(_ item: Item, of feed: String, firing hits: [RuleHit], at time: Date)
        -> Placement
    {
        place(Self.report(item, of: feed, firing: hits, detected: time))
    }

    /// Words of a summary (or of the content, when there is no summary) that
    /// count: the lead, where a report says what happened.
    static let leadWords = 80

    /// The report an item that fired `hits` makes.
    public static func report(_ item: Item, of feed: String, firing hits: [RuleHit], detected: Date)
        -> StoryReport
    {
        let title = item.text.title.isEmpty ? (item.title ?? "") : item.text.title
        let lead = item.text.summary.isEmpty ? item.text.content : item.text.summary
        return StoryReport(
            id: item.id, feed: feed,
            time: StoryReport.time(published: item.published, detected: detected),
            titleWords: TextWords.of(title), leadWords: Array(TextWords.of(lead).prefix(leadWords)),
            entities: Set(hits.flatMap(\.entities)))
    }
}
