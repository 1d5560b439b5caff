/// Why a document could not be turned into a feed. Messages start with
/// `parser:` and say where the problem is when there is a where.
public enum ParserError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The document is something else: empty, an HTML page, another XML vocabulary.
    case notAFeed(reason: String)
    /// The XML is broken beyond recovery before any feed element was seen.
    case malformed(line: Int, column: Int, message: String)
    /// The document tried to use more than its share (entity expansion, size).
    case resourceLimit(reason: String)
    /// A JSON Feed that is not valid JSON or lacks what a JSON Feed needs.
    case invalidJSON(reason: String)
    /// No character encoding turns the bytes into text.
    case undecodable(reason: String)

    public var description: String {
        switch self {
        case .notAFeed(let reason): "parser: not a feed: \(reason)"
        case .malformed(let line, let column, let message):
            "parser: ill-formed XML at line \(line), column \(column): \(message)"
        case .resourceLimit(let reason): "parser: refused: \(reason)"
        case .invalidJSON(let reason): "parser: invalid JSON Feed: \(reason)"
        case .undecodable(let reason): "parser: cannot decode the text: \(reason)"
        }
    }
}
