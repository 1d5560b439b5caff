import FeedModel

extension RuleSet {
    /// The rules that came close to firing on `item` read from `feed`, and why
    /// each did not fire, in rule order (the rules that fire are not among them).
    /// For `rules test --explain`: this looks at every rule, so it is much
    /// slower than `evaluate`, which never calls it.
    public func nearMisses(_ item: Item, feed: FeedContext) -> [NearMiss] {
        guard let compiled else { return [] }
        let text = Self.matchableText(of: item)
        let fired = Set(compiled.evaluate(text, feed: feed).map(\.rule))
        return NearMissExplainer(ruleSet: compiled, text: text).nearMisses(feed: feed, fired: fired)
    }
}
