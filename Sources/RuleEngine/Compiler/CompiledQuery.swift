import FeedModel

/// The fields a (sub)query may look at.
struct FieldMask: OptionSet, Sendable, Hashable, Codable {
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
indirect enum CompiledQuery: Sendable, Codable {
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

    /// Leaves of which at least one must occur for the query to hold (nil when
    /// it can hold without any, as `NOT x` can). Of the operands of AND and NEAR,
    /// one suffices: the cheapest by `cost`, so that a rule is woken by its rare
    /// entity terms rather than by a common keyword list.
    func triggers(cost: (Int32) -> Int) -> [Int32]? {
        switch self {
        case .leaf(let leaf): return [leaf]
        case .scoped(_, let query): return query.triggers(cost: cost)
        case .not: return nil
        case .or(let queries):
            var union: [Int32] = []
            for query in queries {
                guard let triggers = query.triggers(cost: cost) else { return nil }
                union += triggers
            }
            return union
        case .and(let queries):
            return queries.compactMap { $0.triggers(cost: cost) }
                .min { $0.reduce(0) { $0 + cost($1) } < $1.reduce(0) { $0 + cost($1) } }
        case .near(let left, let right, _):
            return [left, right].compactMap { $0.triggers(cost: cost) }
                .min { $0.reduce(0) { $0 + cost($1) } < $1.reduce(0) { $0 + cost($1) } }
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

/// A rule, compiled. A class, so that evaluating it copies nothing.
final class CompiledRule: Sendable {
    let summary: RuleSummary
    let match: CompiledQuery
    let unless: [CompiledQuery]
    let feeds: [FeedFilter]
    let alwaysCandidate: Bool

    init(
        summary: RuleSummary, match: CompiledQuery, unless: [CompiledQuery], feeds: [FeedFilter],
        alwaysCandidate: Bool
    ) {
        self.summary = summary
        self.match = match
        self.unless = unless
        self.feeds = feeds
        self.alwaysCandidate = alwaysCandidate
    }

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
