/// The blocks of the rules language, as parsed (before references are resolved).

struct Located<Value: Sendable>: Sendable {
    var value: Value
    var location: SourceLocation
}

/// `entity "Name"` with its id, kind, aliases and tags.
struct EntityDeclaration: Sendable {
    var name: Located<String>
    var id: Located<String>
    var kind: EntityKind
    var aliases: [Located<String>]
    var tags: [Located<String>]
}

/// `list id` with its terms (words, phrases, prefix wildcards).
struct ListDeclaration: Sendable {
    var id: Located<String>
    var terms: [QueryTerm]
}

/// `equivalent a b c`: spellings that match one another.
struct EquivalentDeclaration: Sendable {
    var words: [Located<String>]
}

/// `feeds tag:afpak, dawn`: a feed tag or a feed name.
enum FeedFilter: Sendable, Equatable, Codable {
    case tag(String)
    case name(String)

    var written: String {
        switch self {
        case .tag(let tag): "tag:\(tag)"
        case .name(let name): name
        }
    }
}

/// `rule "Title"` with its properties.
struct RuleDeclaration: Sendable {
    var title: String
    var id: Located<String>
    var severity: Severity
    var match: Query?
    var matchWritten: String
    var unless: [Query]
    var unlessWritten: [String]
    var feeds: [FeedFilter]
    /// Where each of `feeds` is written, for warnings.
    var feedLocations: [SourceLocation] = []
    var notify: [Located<String>]
    var notifyEach: Bool
    var escalation: Escalation? = nil
    var location: SourceLocation
    /// Every term of `match` and `unless`, also of a query with problems.
    var terms: [QueryTerm]
    /// False when a query has problems: the rule is checked, never compiled.
    var isComplete: Bool
}

/// Everything one or more rules files declare.
struct RulesDocument: Sendable {
    var entities: [EntityDeclaration] = []
    var lists: [ListDeclaration] = []
    var equivalents: [EquivalentDeclaration] = []
    var rules: [RuleDeclaration] = []
    /// Likely mistakes seen while parsing (lowercase operators); `LikelyMistakes` finds the rest.
    var warnings: [RulesWarning] = []

    mutating func append(_ other: RulesDocument) {
        entities += other.entities
        lists += other.lists
        equivalents += other.equivalents
        rules += other.rules
        warnings += other.warnings
    }
}
