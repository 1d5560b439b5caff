import AlertLog
import Configuration
import FeedModel
import Foundation
import RuleEngine
import Store

/// Runs the current rules over archived items: what would have fired, each
/// firing marked new or already alerted. The way an analyst checks an edited
/// rule against past news; `PipelinePass.raise` raises the new firings.
public struct RuleReplay {
    /// One archived item and the rules that fire on it.
    public struct Result: Sendable {
        public var feed: String
        public var item: Item
        public var firstSeen: Date
        public var hits: [RuleHit]
        /// The rules of `hits` whose alert on this item is recorded already
        /// (the alert id is the live path's: rule, feed and item).
        public var alerted: Set<String> = []

        /// The id the alert of `hit` has, live or replayed.
        public func alertID(of hit: RuleHit) -> String {
            AlertID.make(rule: hit.rule, feed: feed, itemID: item.id)
        }

        /// The hits no recorded alert covers.
        public var newHits: [RuleHit] { hits.filter { !alerted.contains($0.rule) } }
    }

    public let configuration: ConfigurationFile
    public let rules: RuleSet

    public init(configuration: ConfigurationFile, rules: RuleSet) {
        self.configuration = configuration
        self.rules = rules
    }

    /// The archived items first seen since `since`, oldest first, with their
    /// hits; only items on which some rule (or `rule`, when given) fires.
    /// With `index`, each result says which of its rules alerted already.
    public func run(
        archive: any ItemArchive, since: Date, rule: String? = nil,
        index: (any AlertIndexStore)? = nil
    ) throws -> [Result] {
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
        guard let index else { return results }
        // One question for every firing's alert id.
        let recorded = try index.recordedAlertIDs(
            among: results.flatMap { result in result.hits.map(result.alertID(of:)) })
        return results.map { result in
            var marked = result
            marked.alerted = Set(
                result.hits.filter { recorded.contains(result.alertID(of: $0)) }.map(\.rule))
            return marked
        }
    }
}
