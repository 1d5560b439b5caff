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
        let bytes = [UInt8](data)
        return try parse(
            bytes, DocumentDecoder.decode(bytes, contentType: contentType, trustingUTF8: true),
            contentType: contentType, baseURL: baseURL)
    }

    /// Parses `decoded`, the text of `bytes`.
    private static func parse(
        _ bytes: [UInt8], _ decoded: DocumentDecoder.Decoded, contentType: String?, baseURL: URL?
    ) throws(ParserError) -> Feed {
        let kind = FeedFormatDetector.detect(decoded.utf8)
        // Only libxml2 checks UTF-8 as it reads: the JSON reader rejects bad
        // bytes outright, and a not-a-feed error quotes the document.
        if decoded.isUncheckedUTF8, !kind.isXMLFeed {
            return try parse(
                bytes, DocumentDecoder.decode(bytes, contentType: contentType),
                contentType: contentType, baseURL: baseURL)
        }
        switch kind {
        case .json:
            var feed = try JSONFeedParser.parse(decoded.utf8, baseURL: baseURL)
            feed.warnings = decoded.warnings + feed.warnings
            return feed
        case .notAFeed(let reason):
            throw .notAFeed(reason: reason)
        case .rss(let version):
            let format = rssFormat(version: version)
            return try parseXML(bytes, decoded, contentType: contentType) {
                RSSHandler(format: format, baseURL: baseURL)
            }
        case .rdf:
            return try parseXML(bytes, decoded, contentType: contentType) {
                RSSHandler(format: .rss10, baseURL: baseURL)
            }
        case .atom:
            return try parseXML(bytes, decoded, contentType: contentType) {
                AtomHandler(baseURL: baseURL)
            }
        }
    }

    private static func rssFormat(version: String?) -> FeedFormat {
        guard let version = version?.trimmingCharacters(in: .whitespaces), !version.isEmpty else {
            return .rss20
        }
        return version.hasPrefix("0.9") || version == "0.9" ? .rss09x : .rss20
    }

    /// Parses `decoded`. Most documents are clean, and libxml2 alone reads
    /// them as the prepass would have left them: they are read once, without
    /// it. A first reading that meets anything (an error or warning from
    /// libxml2, a C1 control) stops there, and the document is read again
    /// after the prepass; when its UTF-8 was taken on trust, the bytes are
    /// checked first, and read the way an untrusting decode reads them when
    /// they are not UTF-8.
    private static func parseXML(
        _ bytes: [UInt8], _ trusted: DocumentDecoder.Decoded, contentType: String?,
        makeHandler: () -> any FeedHandler
    ) throws(ParserError) -> Feed {
        var decoded = trusted
        var pass = try parseXML(decoded.utf8, prepass: nil, makeHandler)
        if pass.parser.metTrouble {
            if decoded.isUncheckedUTF8 {
                let checked = DocumentDecoder.decode(bytes, contentType: contentType)
                // Other bytes: another encoding, or UTF-8 with stray bytes repaired.
                if checked.utf8 != decoded.utf8 { decoded = checked }
            }
            pass = try parseXML(decoded.utf8, prepass: .keepingPredefined, makeHandler)
            if pass.parser.diagnostics.contains(where: \.isFatal) {
                // Ill-formed: libxml2 2.9.14 may have dropped named references
                // after the first error. Again, with every reference numeric.
                pass = try parseXML(decoded.utf8, prepass: .allNumeric, makeHandler)
            }
        }
        let result = pass.handler.feed
        let fatal = pass.parser.diagnostics.filter(\.isFatal)
        if !result.sawRootElement, let first = fatal.first {
            throw .malformed(line: first.line, column: first.column, message: first.message)
        }
        let warnings =
            decoded.warnings + pass.repairs.warnings(in: decoded.utf8)
            + XMLDiagnostic.warnings(pass.parser.diagnostics, total: pass.parser.diagnosticCount)
        return FeedAssembler.assemble(result, warnings: warnings)
    }

    /// How the prepass runs before libxml2 reads a document.
    private enum Prepass {
        /// References XML defines (`&amp;`) left as they are: enough for a
        /// document libxml2 finds well-formed after the repairs.
        case keepingPredefined
        /// Every reference made numeric, for one it still finds ill-formed.
        case allNumeric
    }

    /// One run of the prepass and libxml2 over a document.
    private struct XMLPass {
        var handler: any FeedHandler
        var parser: XMLSAXParser
        var repairs: PrepassRepairs
    }

    /// One reading of a document, after the prepass when one is given, or
    /// a first optimistic one without it.
    private static func parseXML(
        _ utf8: [UInt8], prepass: Prepass?, _ makeHandler: () -> any FeedHandler
    ) throws(ParserError) -> XMLPass {
        var document = utf8
        var repairs = PrepassRepairs()
        if let prepass {
            let repaired = EntityPrepass.repair(
                utf8, rewritesPredefined: prepass == .allNumeric)
            document = repaired.document
            repairs = repaired.repairs
        }
        let handler = makeHandler()
        // Character data rarely exceeds the document; entity bombs do, by far.
        let parser = XMLSAXParser(textBudget: document.count * 4 + 1_000_000)
        parser.stopsAtFirstTrouble = prepass == nil
        parser.delegate = handler
        try parser.parse(utf8: document)
        handler.finish(parser)
        return XMLPass(handler: handler, parser: parser, repairs: repairs)
    }
}
