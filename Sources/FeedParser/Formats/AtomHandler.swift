import FeedModel
import Foundation

/// Reads Atom 1.0 and 0.3 from SAX events into a `FeedDraft`.
///
/// Text constructs keep their kind: `type="text"` is text, `html` is
/// escaped HTML, `xhtml` (and 0.3's `mode="xml"`) is inline markup written
/// back out without its wrapper `<div>`. Links are resolved against the
/// `xml:base` in force at their element.
final class AtomHandler: FeedHandler {
    private enum Field {
        case feedTitle, feedSubtitle, feedUpdated, feedID, linkText
        case fallbackSummary, fallbackTitle, dateText, id, title, summary, content, authorName,
            published, fallbackPublished,
            updated,
            category
    }

    private enum TextKind {
        case text, html, markup
    }

    // The state below is touched only by this handler's own methods, one SAX
    // event at a time, never through an overlapping access: the dynamic
    // exclusivity checks Swift makes on class properties cost two runtime
    // calls per touch, several per element.
    @exclusivity(unchecked) private(set) var feed: FeedDraft
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var bases: BaseURLStack
    @exclusivity(unchecked) private var feedDepth: Int?
    @exclusivity(unchecked) private var feedNamespace: String?
    @exclusivity(unchecked) private var entryDepth: Int?
    @exclusivity(unchecked) private var authorDepth: Int?
    @exclusivity(unchecked) private var item = ItemDraft()
    @exclusivity(unchecked) private var capture: FieldCapture<Field>?
    @exclusivity(unchecked) private var captureKind = TextKind.text
    @exclusivity(unchecked) private var captureIsBase64 = false

    init(baseURL: URL?) {
        feed = FeedDraft(format: .atom10)
        bases = BaseURLStack(documentURL: baseURL)
        feed.baseURL = baseURL
    }

    /// Closes what a truncated document left open.
    func finish(_ parser: XMLSAXParser) {
        if let capture { complete(capture, text: parser.takeText(), line: parser.currentLine) }
        capture = nil
        if entryDepth != nil { feed.moveItem(&item) }
        entryDepth = nil
    }

    private func isAtom(_ element: XMLName) -> Bool {
        XMLNamespace.isAtom(element.namespace) || element.namespace == feedNamespace
    }

    func parser(_ parser: XMLSAXParser, didStart element: XMLName, attributes: XMLAttributes) {
        depth += 1
        bases.push(attributes)
        if depth == 1 { feed.sawRootElement = true }
        if var current = capture {
            current.start(element, attributes: attributes, at: depth, parser: parser)
            capture = current
            return
        }
        if feedDepth == nil, element.known == .feed {
            feedDepth = depth
            feedNamespace = element.namespace
            feed.format =
                XMLNamespace.equals(element.namespace, XMLNamespace.atom03) ? .atom03 : .atom10
            feed.baseURL = bases.current
            return
        }
        if entryDepth != nil, XMLNamespace.equals(element.namespace, XMLNamespace.mediaRSS) {
            // Media RSS (YouTube) nests these in media:group.
            if element.known == .description, item.summary == nil {
                begin(.fallbackSummary, attributes: attributes, parser: parser)
            } else if element.known == .title, item.title == nil {
                begin(.fallbackTitle, attributes: attributes, parser: parser)
            }
            return
        }
        guard isAtom(element) || XMLNamespace.equals(element.namespace, XMLNamespace.dublinCore)
        else { return }
        if entryDepth == nil, element.known == .entry {
            entryDepth = depth
            item = ItemDraft()
            item.baseURL = bases.current
            return
        }
        if let entryDepth {
            if depth == entryDepth + 1 {
                startEntryField(element, attributes: attributes, parser: parser)
            } else if let authorDepth, depth == authorDepth + 1, element.known == .name {
                begin(.authorName, attributes: .empty, parser: parser)
            }
        } else if let feedDepth, depth == feedDepth + 1 {
            startFeedField(element, attributes: attributes, parser: parser)
        }
    }

    func parser(_ parser: XMLSAXParser, didEnd element: XMLName) {
        defer {
            depth -= 1
            bases.pop()
        }
        if let current = capture {
            if let text = current.end(element, at: depth, parser: parser) {
                capture = nil
                complete(current, text: text, line: parser.currentLine)
            }
            return
        }
        if depth == authorDepth {
            authorDepth = nil
        } else if depth == entryDepth {
            feed.moveItem(&item)
            entryDepth = nil
        }
    }

    private func begin(_ field: Field, attributes: XMLAttributes, parser: XMLSAXParser) {
        let type = attributes.value("type")?.lowercased()
        let mode = attributes.value("mode")?.lowercased()
        captureIsBase64 = mode == "base64"
        switch type {
        case nil, "", "text", "text/plain", "plain": captureKind = .text
        case "html", "text/html": captureKind = .html
        case "xhtml", "application/xhtml+xml": captureKind = .markup
        case let other?:
            if other.hasSuffix("xml") {
                captureKind = .markup
            } else if !other.hasPrefix("text/") {
                // Atom 1.0: any other media type is base64-encoded.
                captureIsBase64 = true
                captureKind = .html
            } else {
                captureKind = .text
            }
        }
        if mode == "xml" { captureKind = .markup }
        // Atom 0.3 content defaults to text/plain but is escaped HTML in practice.
        if mode == "escaped", type == nil { captureKind = .html }
        capture = FieldCapture(field: field, depth: depth, keepsMarkup: captureKind == .markup)
        parser.discardText()
        parser.isCapturingText = true
        parser.escapesCapturedText = captureKind == .markup
    }

    private func link(from attributes: XMLAttributes) -> String? {
        let relation = attributes.value("rel") ?? "alternate"
        guard
            relation == "alternate"
                || relation == "http://www.iana.org/assignments/relation/alternate",
            let href = attributes.value("href")
        else { return nil }
        return URLResolver.resolve(href, against: bases.current)
    }

    private func startFeedField(
        _ element: XMLName, attributes: XMLAttributes, parser: XMLSAXParser
    ) {
        switch element.known {
        case .title where !XMLNamespace.equals(element.namespace, XMLNamespace.dublinCore):
            begin(.feedTitle, attributes: attributes, parser: parser)
        case .id: begin(.feedID, attributes: .empty, parser: parser)
        case .subtitle, .tagline, .info:
            begin(.feedSubtitle, attributes: attributes, parser: parser)
        case .updated, .modified: begin(.feedUpdated, attributes: attributes, parser: parser)
        case .link:
            if feed.link == nil { feed.link = link(from: attributes) }
        default: break
        }
    }

    private func startEntryField(
        _ element: XMLName, attributes: XMLAttributes, parser: XMLSAXParser
    ) {
        if XMLNamespace.equals(element.namespace, XMLNamespace.dublinCore) {
            switch element.known {
            case .creator: begin(.authorName, attributes: .empty, parser: parser)
            case .subject: begin(.category, attributes: .empty, parser: parser)
            case .date: begin(.fallbackPublished, attributes: .empty, parser: parser)
            default: break
            }
            return
        }
        switch element.known {
        case .id: begin(.id, attributes: .empty, parser: parser)
        case .title: begin(.title, attributes: attributes, parser: parser)
        case .summary: begin(.summary, attributes: attributes, parser: parser)
        case .content: begin(.content, attributes: attributes, parser: parser)
        case .published, .issued: begin(.published, attributes: .empty, parser: parser)
        // `created` is when the entry was written, not when it was published.
        case .created: begin(.dateText, attributes: .empty, parser: parser)
        case .updated, .modified: begin(.updated, attributes: .empty, parser: parser)
        case .author: authorDepth = depth
        case .link:
            if item.link == nil { item.link = link(from: attributes) }
            // Atom 0.3 drafts wrote the address as the element's text.
            if item.link == nil, attributes.value("href") == nil,
                (attributes.value("rel") ?? "alternate") == "alternate"
            {
                begin(.linkText, attributes: .empty, parser: parser)
            }
        case .category:
            if let term = attributes.value("term") ?? attributes.value("label"), !term.isEmpty,
                !item.categories.contains(term)
            {
                item.categories.append(term)
            }
        default: break
        }
    }

    private func decoded(_ raw: String) -> String {
        guard captureIsBase64 else { return raw }
        let compact = raw.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { return raw }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stores a captured field; `line` is where it ended, for warnings.
    private func complete(_ capture: FieldCapture<Field>, text raw: String, line: Int?) {
        let text = decoded(raw).trimmedWhitespace()
        let isHTML = captureKind != .text
        switch capture.field {
        case .feedTitle:
            feed.title = text
            feed.titleIsHTML = isHTML
        case .feedSubtitle:
            feed.description = text
            feed.descriptionIsHTML = isHTML
        case .feedUpdated: feed.updated = feed.dates.read(text, line: line)
        case .feedID: feed.identifier = text
        case .linkText:
            if !text.isEmpty { item.link = URLResolver.resolve(text, against: bases.current) }
        case .id: if !text.isEmpty { item.guid = text }
        case .fallbackSummary:
            if item.summary == nil {
                item.summary = text
                item.summaryIsHTML = isHTML
            }
        case .fallbackTitle:
            if item.title == nil {
                item.title = text
                item.titleIsHTML = isHTML
            }
        case .title:
            item.title = text
            item.titleIsHTML = isHTML
        case .summary:
            item.summary = text
            item.summaryIsHTML = isHTML
        case .content:
            item.content = text
            item.contentIsHTML = isHTML
        case .authorName:
            if !text.isEmpty, !item.authors.contains(text) { item.authors.append(text) }
        case .category:
            if !text.isEmpty, !item.categories.contains(text) { item.categories.append(text) }
        case .published:
            item.published = feed.dates.read(text, line: line)
            item.dateText = text
        case .fallbackPublished:
            if item.published == nil { item.published = feed.dates.read(text, line: line) }
            if item.dateText == nil { item.dateText = text }
        case .dateText:
            if item.dateText == nil { item.dateText = text }
        case .updated:
            item.updated = feed.dates.read(text, line: line)
            if item.dateText == nil { item.dateText = text }
        }
    }
}
