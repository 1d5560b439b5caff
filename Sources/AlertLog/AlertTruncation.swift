import Foundation
import RuleEngine

/// What an alert record leaves out, said in the record itself (`"truncated"`
/// in the log line) so that a cut is never silent. The full text of the item
/// stays in the state's item archive.
public struct AlertTruncation: Sendable, Equatable, Codable, CustomStringConvertible {
    /// One part of the rule had more stretches of evidence than
    /// `RuleHit.evidenceLimit`: `matches` lists the first of them; the
    /// entities are still all listed.
    public var evidence: Bool?
    /// The item's title had this many characters: the record keeps the first
    /// `AlertBuilder.maximumTitleLength` of them and an ellipsis.
    public var titleCharacters: Int?

    public init(evidence: Bool? = nil, titleCharacters: Int? = nil) {
        self.evidence = evidence
        self.titleCharacters = titleCharacters
    }

    enum CodingKeys: String, CodingKey {
        case evidence
        case titleCharacters = "title_characters"
    }

    /// What a warning says of it, after the feed and item it names.
    public var description: String {
        var parts: [String] = []
        if evidence == true {
            parts.append(
                "its evidence lists the first \(RuleHit.evidenceLimit) stretches of more "
                    + "(every entity is still listed)")
        }
        if let titleCharacters {
            parts.append(
                "its title of \(titleCharacters) characters is cut at "
                    + "\(AlertBuilder.maximumTitleLength)")
        }
        return parts.joined(separator: "; ")
    }
}
