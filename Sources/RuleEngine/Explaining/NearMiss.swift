import FeedModel

/// A rule that came close to firing on an item and did not: at least one
/// positive part of its `match` held. For `rules test --explain`; computed
/// apart from matching, which never pays for it.
public struct NearMiss: Sendable, Equatable {
    /// The main reason the rule did not fire.
    public enum Reason: String, Sendable, Equatable {
        /// The match held; an `unless` vetoed it.
        case unless
        /// The match held (or came close); the rule does not read this feed.
        case feedFilter = "feed_filter"
        /// Both sides of a `NEAR/n` occurred, never close enough in one field.
        case near
        /// A term occurred, but outside the field its scope allows.
        case fieldScope = "field_scope"
        /// Some parts of the match did not occur at all.
        case missing
    }

    /// Two sides of `NEAR/n` found, but not within `allowed` words of each other in one field.
    public struct NearDistance: Sendable, Equatable {
        /// The `NEAR` part as the rule reads (`@tag:haqqani-network NEAR/30 #attack`).
        public var query: String
        public var allowed: Int
        /// The fewest words between the two sides in one field; nil when they
        /// never share a field.
        public var found: Int?
        /// The field of `found`.
        public var field: TextField?
    }

    /// A term found only outside its field scope.
    public struct FieldScopeMiss: Sendable, Equatable {
        /// The term (`obituary`, `#attack`).
        public var term: String
        /// The fields the scope allows.
        public var scope: [TextField]
        /// Where the term was found instead.
        public var foundIn: [TermMatch]
    }

    /// The rule's `feeds` filters, none of which the item's feed passes.
    public struct FeedFilterMiss: Sendable, Equatable {
        public var filters: [String]
        public var feed: String
        public var feedTags: [String]
    }

    public var rule: String
    public var title: String
    public var reason: Reason
    /// The parts of the match (the operands of its ANDs and the sides of its
    /// NEARs, or the whole) that held and that did not, each on its own.
    public var held: [String]
    public var missing: [String]
    /// The `unless` that vetoed the rule, as written, and the text that made it hold.
    public var unless: String?
    public var unlessMatches: [TermMatch]
    public var near: [NearDistance]
    public var fieldScope: [FieldScopeMiss]
    public var feedFilter: FeedFilterMiss?
}
