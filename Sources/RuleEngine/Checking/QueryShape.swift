import FeedModel

/// What can be decided about a query from its shape alone: whether any text
/// can satisfy it (field scopes and `NEAR` can rule every text out), and which
/// terms every text that satisfies it contains (so that an `unless` made of
/// them vetoes every item).
///
/// Sound, not complete: what it says is so for every item; a query it cannot
/// decide is left alone (`NOT` and `NEAR` inside an `unless` are not followed).
struct QueryShape {
    let spelling: SpellingClasses

    /// Why no item can satisfy `query` read in `fields`, and where; nil when some can.
    struct Impossibility {
        var location: SourceLocation
        var reason: String
    }

    /// A term every satisfying item contains, in one of `fields`.
    struct RequiredTerm {
        var key: QueryTerm.Kind
        var fields: FieldMask
    }

    // MARK: Can it hold at all?

    /// Whether `query`, read in `fields`, can hold; when it cannot, why.
    func impossibility(of query: Query, fields: FieldMask) -> Impossibility? {
        reach(query, fields: fields).impossibility
    }

    /// Whether a query can hold, and the fields its evidence can lie in
    /// (what `NEAR` pairs: both sides in one field).
    private struct Reach {
        var impossibility: Impossibility?
        var evidenceFields: FieldMask
    }

    private func reach(_ query: Query, fields: FieldMask) -> Reach {
        switch query {
        case .term(let term):
            guard fields.isEmpty else { return Reach(evidenceFields: fields) }
            return Reach(
                impossibility: Impossibility(
                    location: term.location,
                    reason:
                        "\(term.written) is looked for in no field: the field scopes around it exclude one another"
                ), evidenceFields: [])
        case .scoped(let field, let inner):
            return reach(inner, fields: fields.intersection(FieldMask(field)))
        case .not:
            // NOT holds wherever its operand does not: it can always hold.
            return Reach(evidenceFields: [])
        case .and(let queries):
            var evidence: FieldMask = []
            for query in queries {
                let part = reach(query, fields: fields)
                if part.impossibility != nil { return part }
                evidence.formUnion(part.evidenceFields)
            }
            return Reach(evidenceFields: evidence)
        case .or(let queries):
            var evidence: FieldMask = []
            var first: Impossibility?
            var any = false
            for query in queries {
                let part = reach(query, fields: fields)
                if let impossibility = part.impossibility {
                    first = first ?? impossibility
                } else {
                    any = true
                    evidence.formUnion(part.evidenceFields)
                }
            }
            return any
                ? Reach(evidenceFields: evidence) : Reach(impossibility: first, evidenceFields: [])
        case .near(let left, let right, let distance):
            let leftReach = reach(left, fields: fields)
            if leftReach.impossibility != nil { return leftReach }
            let rightReach = reach(right, fields: fields)
            if rightReach.impossibility != nil { return rightReach }
            let shared = leftReach.evidenceFields.intersection(rightReach.evidenceFields)
            guard shared.isEmpty else { return Reach(evidenceFields: shared) }
            return Reach(
                impossibility: Impossibility(
                    location: left.terms.first?.location ?? right.terms.first?.location
                        ?? SourceLocation(file: "", line: 0, column: 0),
                    reason:
                        "NEAR/\(distance) needs both sides in one field, but its left side is looked for only in "
                        + "\(Self.names(leftReach.evidenceFields)) and its right side only in "
                        + "\(Self.names(rightReach.evidenceFields))"),
                evidenceFields: [])
        }
    }

    static func names(_ fields: FieldMask) -> String {
        let names = TextField.allCases.filter { fields.contains(FieldMask($0)) }.map(\.rawValue)
        return names.isEmpty ? "no field" : names.joined(separator: " and ")
    }

    // MARK: What must every match contain?

    /// The terms every item satisfying `query` (read in `fields`) contains.
    func requiredTerms(of query: Query, fields: FieldMask) -> [RequiredTerm] {
        switch query {
        case .term(let term):
            return [RequiredTerm(key: key(term), fields: fields)]
        case .scoped(let field, let inner):
            return requiredTerms(of: inner, fields: fields.intersection(FieldMask(field)))
        case .not:
            return []
        case .and(let queries):
            return queries.flatMap { requiredTerms(of: $0, fields: fields) }
        case .near(let left, let right, _):
            return requiredTerms(of: left, fields: fields)
                + requiredTerms(of: right, fields: fields)
        case .or(let queries):
            // Only what every alternative requires, in the fields of any of them.
            guard let first = queries.first else { return [] }
            var common = requiredTerms(of: first, fields: fields)
            for query in queries.dropFirst() {
                let other = requiredTerms(of: query, fields: fields)
                common = common.compactMap { term in
                    let same = other.filter { $0.key == term.key }
                    guard !same.isEmpty else { return nil }
                    var widened = term
                    for match in same { widened.fields.formUnion(match.fields) }
                    return widened
                }
            }
            return common
        }
    }

    /// Whether `query`, read in `fields`, holds on every item that contains `required`.
    func alwaysHolds(_ query: Query, fields: FieldMask, given required: [RequiredTerm]) -> Bool {
        switch query {
        case .term(let term):
            let wanted = key(term)
            return required.contains {
                $0.key == wanted && !$0.fields.isEmpty && fields.isSuperset(of: $0.fields)
            }
        case .scoped(let field, let inner):
            return alwaysHolds(
                inner, fields: fields.intersection(FieldMask(field)), given: required)
        case .and(let queries):
            return queries.allSatisfy { alwaysHolds($0, fields: fields, given: required) }
        case .or(let queries):
            return queries.contains { alwaysHolds($0, fields: fields, given: required) }
        case .not, .near:
            return false
        }
    }

    /// A term as matching sees it: words in the first spelling of their class.
    private func key(_ term: QueryTerm) -> QueryTerm.Kind {
        guard case .text(let elements) = term.kind else { return term.kind }
        return .text(elements.map(spelling.firstSpelling))
    }
}
