import FeedModel

/// Runs rule tests (read by `RuleTestFiles`) against a rule set.
public enum RuleTestRunner {
    /// Runs `cases` against `ruleSet`; unknown rule ids in `expect` are failures too.
    public static func run(_ cases: [RuleTestCase], against ruleSet: RuleSet) -> [RuleTestFailure] {
        var failures: [RuleTestFailure] = []
        let ruleIds = Set(ruleSet.rules.map(\.id))
        for testCase in cases {
            let item = Item(
                id: "\(testCase.file):\(testCase.line)", title: testCase.title,
                text: ItemText(
                    title: testCase.title, summary: testCase.summary, content: testCase.content))
            let fired = ruleSet.evaluate(
                item, feed: FeedContext(name: "test", tags: testCase.feedTags)
            ).map(\.rule)
            let unknown = testCase.expected.filter { !ruleIds.contains($0) }
            if Set(fired) != Set(testCase.expected) || !unknown.isEmpty {
                failures.append(
                    RuleTestFailure(
                        file: testCase.file, line: testCase.line, title: testCase.title,
                        expected: testCase.expected, fired: fired, unknownRules: unknown))
            }
        }
        return failures
    }
}
