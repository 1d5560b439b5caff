import FeedModel
import Foundation

/// The rules of a `rules/` folder, compiled for matching.
///
/// (Interface fixed by the foundation issue; the language lands with the rule-engine issue.)
public struct RuleSet: Sendable {
    public private(set) var rules: [RuleSummary] = []

    public init() {}

    /// Loads every `*.rules` file of `directory`, in name order. `knownSinks`,
    /// when given, are the sink names a `notify` line may use besides `log`.
    public static func load(directory: URL, knownSinks: Set<String>? = nil) throws(RulesError)
        -> RuleSet
    {
        RuleSet()
    }

    /// The rules that fire on `item` read from feed `feed`, in rule order.
    public func evaluate(_ item: Item, feed: FeedContext) -> [RuleHit] {
        []
    }
}

/// A rule's identity, for listings.
public struct RuleSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var severity: Severity
}

/// What a rule sees of the feed an item came from (`feeds tag:…`).
public struct FeedContext: Sendable, Equatable {
    public var name: String
    public var tags: [String]

    public init(name: String, tags: [String] = []) {
        self.name = name
        self.tags = tags
    }
}

/// One rule firing on one item, with the evidence.
public struct RuleHit: Sendable, Equatable {
    public var rule: String
    public var title: String
    public var severity: Severity
    /// Every term that matched, where and as written in the item.
    public var matches: [TermMatch]
    /// Ids of the watchlisted entities among the matches.
    public var entities: [String]
    /// Sink names; `log` is the alert log.
    public var notify: [String]
    /// Alert on every report of a story rather than once.
    public var notifyEach: Bool

    public init(
        rule: String, title: String, severity: Severity, matches: [TermMatch], entities: [String],
        notify: [String], notifyEach: Bool
    ) {
        self.rule = rule
        self.title = title
        self.severity = severity
        self.matches = matches
        self.entities = entities
        self.notify = notify
        self.notifyEach = notifyEach
    }
}

/// A term of a query that matched: the term as the rule wrote it, the field,
/// and the matched text as it stood in the item.
public struct TermMatch: Sendable, Equatable, Hashable, Codable {
    public var term: String
    public var field: TextField
    public var text: String

    public init(term: String, field: TextField, text: String) {
        self.term = term
        self.field = field
        self.text = text
    }
}

/// How urgent a rule is, in order.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    var rank: Int { Severity.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Every problem of a rules folder, each with `file:line:column`. Messages start with `rules:`.
public struct RulesError: Error, CustomStringConvertible, Equatable {
    public var problems: [RulesProblem]

    public init(problems: [RulesProblem]) { self.problems = problems }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

/// One problem in a rules file.
public struct RulesProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): rules: \(message)" }
}
