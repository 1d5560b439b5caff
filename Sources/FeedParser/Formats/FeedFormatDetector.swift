/// What a document looks like from its first tokens, before any parsing.
enum DocumentKind: Equatable, Sendable {
    /// `<rss>`, with its `version` attribute when present.
    case rss(version: String?)
    /// `<rdf:RDF>`: RSS 1.0 or 0.90, told apart by namespace while parsing.
    case rdf
    /// `<feed>`: Atom 1.0 or 0.3, told apart by namespace while parsing.
    case atom
    /// A JSON object: a JSON Feed, if anything.
    case json
    /// Anything else, with the reason in words.
    case notAFeed(String)

    /// Read by libxml2, which checks every character as UTF-8 as it reads.
    var isXMLFeed: Bool {
        switch self {
        case .rss, .rdf, .atom: true
        case .json, .notAFeed: false
        }
    }
}

/// Tells feeds from other documents by their first tokens only: skips the
/// XML declaration, comments, processing instructions and the DOCTYPE, then
/// reads the root element's name. Never parses the document.
enum FeedFormatDetector {
    static func detect(_ utf8: [UInt8]) -> DocumentKind {
        var index = 0
        skipSpace(utf8, &index)
        guard index < utf8.count else { return .notAFeed("the document is empty") }
        if utf8[index] == UInt8(ascii: "{") { return .json }
        guard utf8[index] == UInt8(ascii: "<") else {
            return .notAFeed("it starts with text, not with markup or JSON")
        }
        // Prolog: declarations, comments, processing instructions, DOCTYPE.
        while index < utf8.count, utf8[index] == UInt8(ascii: "<") {
            let next = index + 1 < utf8.count ? utf8[index + 1] : 0
            if next == UInt8(ascii: "?") {
                index = position(after: "?>", in: utf8, from: index + 2)
            } else if next == UInt8(ascii: "!") {
                if hasPrefix("<!--", utf8, at: index) {
                    index = position(after: "-->", in: utf8, from: index + 4)
                } else {
                    index = endOfDeclaration(utf8, from: index + 2)
                }
            } else {
                break
            }
            skipSpace(utf8, &index)
        }
        guard index < utf8.count, utf8[index] == UInt8(ascii: "<") else {
            return .notAFeed("no root element")
        }
        var end = index + 1
        while end < utf8.count, !isDelimiter(utf8[end]) { end += 1 }
        let qualifiedName = String(decoding: utf8[(index + 1)..<end], as: UTF8.self)
        let localName = qualifiedName.split(separator: ":").last.map(String.init) ?? qualifiedName
        switch localName.lowercased() {
        case "rss":
            return .rss(version: versionAttribute(utf8, from: end))
        case "rdf":
            return .rdf
        case "feed":
            return .atom
        case "html":
            return .notAFeed("an HTML page, not a feed")
        default:
            return .notAFeed("the root element <\(qualifiedName)> is not rss, rdf:RDF or feed")
        }
    }

    private static func versionAttribute(_ utf8: [UInt8], from start: Int) -> String? {
        var end = start
        while end < utf8.count, utf8[end] != UInt8(ascii: ">") { end += 1 }
        let tag = String(decoding: utf8[start..<end], as: UTF8.self)
        guard let key = tag.range(of: "version") else { return nil }
        let rest = tag[key.upperBound...].drop(while: { $0 == "=" || $0.isWhitespace })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix(while: { $0 != quote }))
    }

    private static func skipSpace(_ utf8: [UInt8], _ index: inout Int) {
        while index < utf8.count,
            utf8[index] == 0x20 || utf8[index] == 0x09 || utf8[index] == 0x0A
                || utf8[index] == 0x0D
        {
            index += 1
        }
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "/")
    }

    private static func hasPrefix(_ literal: String, _ utf8: [UInt8], at index: Int) -> Bool {
        utf8[index...].starts(with: literal.utf8)
    }

    private static func position(after terminator: String, in utf8: [UInt8], from start: Int) -> Int
    {
        let pattern = Array(terminator.utf8)
        var index = start
        while index + pattern.count <= utf8.count {
            if utf8[index] == pattern[0],
                utf8[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                return index + pattern.count
            }
            index += 1
        }
        return utf8.count
    }

    /// Past a `<!DOCTYPE …>`, internal subset and quoted strings included.
    private static func endOfDeclaration(_ utf8: [UInt8], from start: Int) -> Int {
        var index = start
        var depth = 0
        var quote: UInt8?
        while index < utf8.count {
            let byte = utf8[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == UInt8(ascii: ">"), depth <= 0 {
                return index + 1
            }
            index += 1
        }
        return utf8.count
    }
}
