import FeedModel

/// A `match` or `unless` query, as parsed.
indirect enum Query: Sendable {
    case term(QueryTerm)
    /// `title:…`: the query holds within that field.
    case scoped(TextField, Query)
    case not(Query)
    case and([Query])
    case or([Query])
    /// Both sides, with at most `distance` tokens between them, in one field.
    case near(Query, Query, distance: Int)

    /// Every term, depth first.
    var terms: [QueryTerm] {
        switch self {
        case .term(let term): [term]
        case .scoped(_, let query), .not(let query): query.terms
        case .and(let queries), .or(let queries): queries.flatMap(\.terms)
        case .near(let left, let right, _): left.terms + right.terms
        }
    }
}

/// A leaf of a query, or one term of a keyword list.
struct QueryTerm: Sendable {
    enum Kind: Sendable, Equatable {
        /// A word or phrase; each token may end in `*` (prefix wildcard).
        case text([TextPatternElement])
        case entity(String)
        case tag(String)
        case kind(String)
        case list(String)
    }

    var kind: Kind
    /// As the rule wrote it, for evidence and messages.
    var written: String
    var location: SourceLocation
}

/// One token of a word or phrase pattern.
enum TextPatternElement: Sendable, Hashable {
    case exact(String)
    /// Any token that starts with this.
    case prefix(String)
}

extension TextPatternElement {
    /// The normalized token, or the prefix.
    var token: String {
        switch self {
        case .exact(let token), .prefix(let token): token
        }
    }

    var isPrefix: Bool {
        if case .prefix = self { return true }
        return false
    }

    /// As `rules variants` shows it: `bomb`, `bomb*`.
    var written: String {
        switch self {
        case .exact(let token): token
        case .prefix(let prefix): prefix + "*"
        }
    }
}
