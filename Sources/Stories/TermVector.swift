import Foundation

/// A report's terms weighted by TF-IDF and scaled to unit length, cut to its
/// strongest terms so that a story's state stays small.
public struct TermVector: Sendable, Equatable, Codable {
    /// Terms in order of weight (then term), with their weights.
    public private(set) var terms: [String]
    public private(set) var weights: [Double]
    /// The weight of each term, for the cosine: built once, not per comparison.
    private var weightOfTerm: [String: Double]
    /// The watchlisted entities among the kept terms (`@id`, see `StoryReport`).
    public private(set) var entities: Set<String>

    public init(terms: [String], weights: [Double]) {
        self.terms = terms
        self.weights = weights
        self.weightOfTerm = Self.lookup(terms, weights)
        self.entities = Set(terms.filter { $0.hasPrefix("@") })
    }

    enum CodingKeys: String, CodingKey { case terms, weights }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            terms: try container.decode([String].self, forKey: .terms),
            weights: try container.decode([Double].self, forKey: .weights))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(terms, forKey: .terms)
        try container.encode(weights, forKey: .weights)
    }

    private static func lookup(_ terms: [String], _ weights: [Double]) -> [String: Double] {
        Dictionary(zip(terms, weights), uniquingKeysWith: { first, _ in first })
    }

    /// Weight = (1 + ln tf) × idf, × `newsFactor` for a word of the news
    /// vocabulary; scaled to unit length, then the `maximumTerms` largest kept
    /// (ties by term, for a deterministic cut) without scaling again.
    public init(
        termCounts: [String: Int], frequency: DocumentFrequency, newsFactor: Double,
        maximumTerms: Int
    ) {
        var weighted: [(term: String, weight: Double)] = termCounts.map { term, count in
            var weight = (1 + log(Double(count))) * frequency.inverse(of: term)
            if ReportTerms.newsWords.contains(term) { weight *= newsFactor }
            return (term, weight)
        }
        let length = weighted.reduce(0) { $0 + $1.weight * $1.weight }.squareRoot()
        weighted.sort { ($0.weight, $1.term) > ($1.weight, $0.term) }
        let kept = weighted.prefix(maximumTerms)
        self.init(
            terms: kept.map(\.term), weights: kept.map { length > 0 ? $0.weight / length : 0 })
    }

    /// The cosine of the two vectors (both unit length before their cut).
    public func cosine(with other: TermVector) -> Double {
        let (small, large) = terms.count <= other.terms.count ? (self, other) : (other, self)
        var sum = 0.0
        for (term, weight) in zip(small.terms, small.weights) {
            if let theirs = large.weightOfTerm[term] { sum += weight * theirs }
        }
        return sum
    }

    /// Whether the two name watchlisted entities and none in common: reports
    /// of one incident name its place, its group or its victim alike, so two
    /// that share none of the names they give tell two incidents.
    public func namesOtherEntities(than other: TermVector) -> Bool {
        !entities.isEmpty && !other.entities.isEmpty && entities.isDisjoint(with: other.entities)
    }

    /// The Jaccard similarity of the two term sets: near-duplicates (a wire
    /// story and its copy, an item republished with a new headline word) are
    /// above 0.6.
    public func jaccard(with other: TermVector) -> Double {
        let shared = terms.reduce(0) { $0 + (other.weightOfTerm[$1] == nil ? 0 : 1) }
        let union = terms.count + other.terms.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }
}
