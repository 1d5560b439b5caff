import FeedModel
import Foundation
import RuleEngine

extension StoryIndex {
    /// Files an item that fired rules under its story, so that reports of one
    /// incident from several feeds alert once per rule, not once per outlet.
    ///
    /// What the report is about: the words of its title and summary, as the
    /// rules see them, and the watchlisted entities its hits named.
    public mutating func place(_ item: Item, of feed: String, firing hits: [RuleHit], at time: Date)
        -> Placement
    {
        let entities = Set(hits.flatMap(\.entities))
        let words = TextWords.of(item.text.title + "\n" + item.text.summary)
        let features = StoryFeatures.of(tokens: words, entities: entities.sorted())
        return place(
            reportID: item.id, feed: feed, signature: MinHashSignature(features: features),
            entities: entities, at: time)
    }
}
