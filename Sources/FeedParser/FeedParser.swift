import FeedModel
import Foundation

/// Turns the bytes of an RSS, Atom or JSON Feed document into a `Feed`.
///
/// (Interface fixed by the foundation issue; the implementation lands with it.)
public enum FeedParser {
    /// Parses one document.
    /// - Parameters:
    ///   - data: the document's bytes, as fetched.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over a wrong declaration.
    ///   - baseURL: where the document came from, to make relative links absolute.
    public static func parse(_ data: Data, contentType: String? = nil, baseURL: URL? = nil)
        throws(ParserError) -> Feed
    {
        throw ParserError.notAFeed(reason: "parser not implemented yet")
    }
}

/// Why a document could not be turned into a feed. Messages start with `parser:`.
public enum ParserError: Error, CustomStringConvertible, Equatable {
    case notAFeed(reason: String)

    public var description: String {
        switch self {
        case .notAFeed(let reason): "parser: not a feed: \(reason)"
        }
    }
}
