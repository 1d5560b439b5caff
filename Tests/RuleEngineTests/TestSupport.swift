import FeedModel

@testable import RuleEngine

/// Items and rule sets for the tests.
enum FeedModelItems {
    static func titled(_ title: String, summary: String = "", content: String = "") -> Item {
        Item(
            id: "test", title: title,
            text: ItemText(title: title, summary: summary, content: content))
    }
}

extension RuleSet {
    /// A rule set from one file's text.
    static func from(_ source: String, knownSinks: Set<String>? = nil) throws(RulesError) -> RuleSet
    {
        try compile(files: [(name: "test.rules", source: source)], knownSinks: knownSinks)
    }

    /// The ids of the rules firing on an item with these fields.
    func fired(
        _ title: String, summary: String = "", content: String = "",
        feed: FeedContext = FeedContext(name: "test")
    ) -> [String] {
        evaluate(FeedModelItems.titled(title, summary: summary, content: content), feed: feed).map(
            \.rule)
    }
}
