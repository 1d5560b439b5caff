import Foundation
import RuleEngine

extension StoryIndex {
    /// The rules whose escalation the story's latest report tipped: rules that
    /// alerted on the story, ask to `escalate`, and see it carried by at least
    /// that many feeds within their time of its first report. Each is noted
    /// on the story, so that none escalates twice on it.
    public mutating func escalations(
        of storyID: String, at time: Date, rules: [String: Escalation]
    ) -> [String] {
        guard let index = stories.firstIndex(where: { $0.id == storyID }) else { return [] }
        let story = stories[index]
        let tipped = story.alertedRules.subtracting(story.escalatedRules).filter { rule in
            guard let escalation = rules[rule] else { return false }
            return story.sources >= escalation.sources
                && time.timeIntervalSince(story.firstSeen) <= escalation.within
        }.sorted()
        guard !tipped.isEmpty else { return [] }
        stories[index].escalatedRules.formUnion(tipped)
        stories[index].changed = true
        return tipped
    }
}
