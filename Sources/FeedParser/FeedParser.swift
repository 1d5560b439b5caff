import FeedModel
import Foundation

/// Turns the bytes of an RSS, Atom or JSON Feed document into a `Feed`.
///
/// The steps: decode the bytes to UTF-8 (`DocumentDecoder`), tell the format
/// from the first tokens (`FeedFormatDetector`), repair what libxml2 would
/// lose (`EntityPrepass`), stream the XML through libxml2's SAX parser into
/// a format handler (`RSSHandler`, `AtomHandler`), and assemble the result
/// (`FeedAssembler`). Recovery along the way is reported in `Feed.warnings`.
public enum FeedParser {
    /// Documents larger than this are refused rather than parsed.
    public static let maximumDocumentSize = 256 * 1024 * 1024

    /// Parses one document.
    /// - Parameters:
    ///   - data: the document's bytes, as fetched.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over a wrong declaration.
    ///   - baseURL: where the document came from, to make relative links absolute.
    public static func parse(_ data: Data, contentType: String? = nil, baseURL: URL? = nil)
        throws(ParserError) -> Feed
    {
        guard data.count <= maximumDocumentSize else {
            throw .resourceLimit(
                reason: "the document is \(data.count) bytes, over \(maximumDocumentSize)")
        }
        let decoded = DocumentDecoder.decode([UInt8](data), contentType: contentType)
        switch FeedFormatDetector.detect(decoded.utf8) {
        case .json:
            var feed = try JSONFeedParser.parse(Data(decoded.utf8), baseURL: baseURL)
            feed.warnings = decoded.warnings + feed.warnings
            return feed
        case .notAFeed(let reason):
            throw .notAFeed(reason: reason)
        case .rss(let version):
            let format = rssFormat(version: version)
            return try parseXML(decoded) { RSSHandler(format: format, baseURL: baseURL) }
        case .rdf:
            return try parseXML(decoded) { RSSHandler(format: .rss10, baseURL: baseURL) }
        case .atom:
            return try parseXML(decoded) { AtomHandler(baseURL: baseURL) }
        }
    }

    private static func rssFormat(version: String?) -> FeedFormat {
        guard let version = version?.trimmingCharacters(in: .whitespaces), !version.isEmpty else {
            return .rss20
        }
        return version.hasPrefix("0.9") || version == "0.9" ? .rss09x : .rss20
    }

    private static func parseXML(
        _ decoded: DocumentDecoder.Decoded, makeHandler: () -> any FeedHandler
    ) throws(ParserError) -> Feed {
        var (handler, parser) = try parseXML(decoded.utf8, rewritesPredefined: false, makeHandler)
        if parser.diagnostics.contains(where: \.isFatal) {
            // Ill-formed: libxml2 2.9.14 may have dropped named references
            // after the first error. Again, with every reference numeric.
            (handler, parser) = try parseXML(decoded.utf8, rewritesPredefined: true, makeHandler)
        }
        let result = handler.feed
        let fatal = parser.diagnostics.filter(\.isFatal)
        if !result.sawRootElement, let first = fatal.first {
            throw .malformed(line: first.line, column: first.column, message: first.message)
        }
        return FeedAssembler.assemble(
            result, warnings: decoded.warnings + warnings(from: parser.diagnostics))
    }

    private static func parseXML(
        _ utf8: [UInt8], rewritesPredefined: Bool, _ makeHandler: () -> any FeedHandler
    ) throws(ParserError) -> (any FeedHandler, XMLSAXParser) {
        let document = EntityPrepass.repair(utf8, rewritesPredefined: rewritesPredefined)
        let handler = makeHandler()
        // Character data rarely exceeds the document; entity bombs do, by far.
        let parser = XMLSAXParser(textBudget: document.count * 4 + 1_000_000)
        parser.delegate = handler
        try parser.parse(utf8: document)
        handler.finish(parser)
        return (handler, parser)
    }

    /// Diagnostics in words, the first few of each kind.
    private static func warnings(from diagnostics: [XMLDiagnostic]) -> [String] {
        let shown = 5
        var warnings = diagnostics.prefix(shown).map { diagnostic in
            diagnostic.isFatal
                ? "ill-formed XML, recovered: line \(diagnostic.line), column \(diagnostic.column): \(diagnostic.message)"
                : "line \(diagnostic.line): \(diagnostic.message)"
        }
        if diagnostics.count > shown {
            warnings.append("\(diagnostics.count - shown) more XML errors")
        }
        return warnings
    }
}
