/// A likely mistake in a rules folder that still loads: `rules check` shows it
/// (and `--strict` refuses the folder for it), matching goes on regardless.
public struct RulesWarning: Sendable, Equatable, CustomStringConvertible {
    /// What kind of mistake, for tests and for anyone filtering the warnings.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// `and`, `or`, `not` or `near` between terms: a word the text must contain.
        case lowercaseOperator = "lowercase-operator"
        /// A rule that no item can fire.
        case neverFires = "never-fires"
        /// A `feeds` filter that no feed of feeds.conf passes.
        case unknownFeed = "unknown-feed"
        /// A name or alias of fewer than 3 letters on its own.
        case shortAlias = "short-alias"
        /// A wildcard with so few letters before its `*` that it catches unrelated words.
        case broadWildcard = "broad-wildcard"
        /// An entity that no `match` or `unless` refers to.
        case unusedEntity = "unused-entity"
    }

    public var kind: Kind
    /// Where, what, and the line as written (for the caret).
    public var problem: RulesProblem

    init(_ kind: Kind, _ problem: RulesProblem) {
        self.kind = kind
        self.problem = problem
    }

    /// `file:line:column: rules: warning: message`.
    public var description: String {
        let location =
            problem.line > 0
            ? "\(problem.file):\(problem.line):\(problem.column)" : problem.file
        return "\(location): rules: warning: \(problem.message)"
    }

    /// As errors are shown, the line and a caret under the column, labelled
    /// `warning:` (on a terminal, in yellow).
    public func rendered(colors: Bool = false) -> String {
        problem.rendered(label: "rules: warning:", color: colors ? "\u{1B}[1;33m" : nil)
    }
}
