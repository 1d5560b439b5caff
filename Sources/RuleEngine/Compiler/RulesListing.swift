import Foundation

/// The entities of a rule set as written (names, aliases, tags, the variants
/// their names generate), for `rules list` and `rules variants`: kept in the
/// compiled rules image and decoded only when asked for, since matching never
/// needs them.
struct RulesListing: Sendable {
    struct Entity: Codable, Sendable {
        var summary: EntitySummary
        /// The token sequences of the entity's names, words joined by spaces.
        var variants: [String]
    }

    private let json: ImageBytes

    init(_ json: ImageBytes) {
        self.json = json
    }

    /// Every entity, in the order written; none when the listing cannot be
    /// read (it is checksummed with the rest of the image, so only a fault of
    /// the program could make it so).
    var entities: [Entity] {
        (try? JSONDecoder().decode([Entity].self, from: Data(json.bytes))) ?? []
    }
}
