import FeedModel

/// The fields a (sub)query may look at.
struct FieldMask: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let title = FieldMask(rawValue: 1)
    static let summary = FieldMask(rawValue: 2)
    static let content = FieldMask(rawValue: 4)
    static let all: FieldMask = [.title, .summary, .content]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(_ field: TextField) {
        switch field {
        case .title: self = .title
        case .summary: self = .summary
        case .content: self = .content
        }
    }
}

/// A query with its terms resolved to leaves of the compiled rule set.
indirect enum CompiledQuery: Sendable {
    case leaf(Int32)
    case scoped(FieldMask, CompiledQuery)
    case not(CompiledQuery)
    case and([CompiledQuery])
    case or([CompiledQuery])
    case near(CompiledQuery, CompiledQuery, distance: Int)

    var leaves: [Int32] {
        switch self {
        case .leaf(let leaf): [leaf]
        case .scoped(_, let query), .not(let query): query.leaves
        case .and(let queries), .or(let queries): queries.flatMap(\.leaves)
        case .near(let left, let right, _): left.leaves + right.leaves
        }
    }

    /// Whether the query holds on an item in which no term occurs (`NOT x`):
    /// such a rule has to be evaluated on every item.
    var holdsWithoutTerms: Bool {
        switch self {
        case .leaf: false
        case .scoped(_, let query): query.holdsWithoutTerms
        case .not(let query): !query.holdsWithoutTerms
        case .and(let queries): queries.allSatisfy(\.holdsWithoutTerms)
        case .or(let queries): queries.contains(where: \.holdsWithoutTerms)
        case .near: false
        }
    }
}

/// A term of a query (or the union of a list's or a tag's terms): the atoms it stands for.
struct CompiledLeaf: Sendable {
    /// How the evidence names it (`#attack`, `"suicide bomb*"`); entity leaves
    /// name the matched entity instead.
    var label: String
    var atoms: [Int32]
    var namesEntities: Bool
}

/// A rule, compiled.
struct CompiledRule: Sendable {
    var summary: RuleSummary
    var match: CompiledQuery
    var unless: [CompiledQuery]
    var feeds: [FeedFilter]
    var alwaysCandidate: Bool

    func accepts(_ feed: FeedContext) -> Bool {
        if feeds.isEmpty { return true }
        return feeds.contains { filter in
            switch filter {
            case .tag(let tag): feed.tags.contains(tag)
            case .name(let name): feed.name == name
            }
        }
    }
}
