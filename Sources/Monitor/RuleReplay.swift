import Configuration
import FeedModel
import Foundation
import RuleEngine
import Store

/// Runs the current rules over archived items: what would have fired, with
/// nothing sent. The way an analyst checks an edited rule against past news.
public struct RuleReplay {
    /// One archived item and the rules that fire on it.
    public struct Result: Sendable {
        public var feed: String
        public var item: Item
        public var firstSeen: Date
        public var hits: [RuleHit]
    }

    public let configuration: ConfigurationFile
    public let rules: RuleSet

    public init(configuration: ConfigurationFile, rules: RuleSet) {
        self.configuration = configuration
        self.rules = rules
    }

    /// The archived items first seen since `since`, oldest first, with their
    /// hits; only items on which some rule (or `rule`, when given) fires.
    public func run(archive: any ItemArchive, since: Date, rule: String? = nil) throws -> [Result] {
        let tags = Dictionary(
            configuration.feeds.map { ($0.name, $0.tags) }, uniquingKeysWith: { first, _ in first })
        var results: [Result] = []
        for archived in try archive.archivedItems(since: since) {
            // A feed removed from feeds.conf keeps its name; its tags are gone.
            let context = FeedContext(name: archived.feed, tags: tags[archived.feed] ?? [])
            let hits = rules.evaluate(archived.item, feed: context).filter {
                rule == nil || $0.rule == rule
            }
            if !hits.isEmpty {
                results.append(
                    Result(
                        feed: archived.feed, item: archived.item, firstSeen: archived.firstSeen,
                        hits: hits))
            }
        }
        return results
    }
}
