/// One `item` block of a `rules/tests/*.test` file: an item and the rules it must fire.
public struct RuleTestCase: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var title: String
    public var summary: String
    public var content: String
    public var feedTags: [String]
    /// The rule ids expected to fire; empty for `expect nothing`.
    public var expected: [String]
}

/// A rule test that did not come out as expected.
public struct RuleTestFailure: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var title: String
    public var expected: [String]
    public var fired: [String]
    /// Expected ids that no rule has (a typo in the test, or a removed rule).
    public var unknownRules: [String] = []

    public var description: String {
        let expectedText = expected.isEmpty ? "nothing" : expected.joined(separator: ", ")
        let firedText = fired.isEmpty ? "nothing" : fired.joined(separator: ", ")
        let unknown =
            unknownRules.isEmpty
            ? "" : " (no rule has the id \(unknownRules.joined(separator: ", ")))"
        return
            "\(file):\(line): \"\(title)\": expected \(expectedText)\(unknown), but \(firedText) fired"
    }
}
