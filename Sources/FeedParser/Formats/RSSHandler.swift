import FeedModel
import Foundation

/// Reads RSS 0.9x, 1.0 (RDF) and 2.0 from SAX events into a `FeedDraft`.
///
/// Channel fields are the direct children of `<channel>`, item fields the
/// direct children of `<item>`; anything deeper (`<image><title>`,
/// `<source>`) is not mistaken for them. RSS 1.0 puts items beside the
/// channel rather than inside it, which the depth rule covers too.
final class RSSHandler: FeedHandler {
    private enum Field {
        case channelTitle, channelLink, channelDescription, channelUpdated, channelFallbackUpdated
        case timeToLive, updatePeriod, updateFrequency
        case title, fallbackTitle, link, description, content, fallbackContent, guid, author,
            category
        case published, fallbackPublished, updated, fallbackSummary
    }

    // The state below is touched only by this handler's own methods, one SAX
    // event at a time, never through an overlapping access: the dynamic
    // exclusivity checks Swift makes on class properties cost two runtime
    // calls per touch, several per element.
    @exclusivity(unchecked) private(set) var feed: FeedDraft
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var bases: BaseURLStack
    @exclusivity(unchecked) private var channelDepth: Int?
    @exclusivity(unchecked) private var itemDepth: Int?
    @exclusivity(unchecked) private var item = ItemDraft()
    @exclusivity(unchecked) private var capture: FieldCapture<Field>?

    init(format: FeedFormat, baseURL: URL?) {
        feed = FeedDraft(format: format)
        bases = BaseURLStack(documentURL: baseURL)
        feed.baseURL = baseURL
        // RSS says nothing of markup in titles; publishers escape HTML into them.
        feed.titleIsHTML = true
    }

    /// Closes what a truncated document left open.
    func finish(_ parser: XMLSAXParser) {
        if let capture { complete(capture, text: parser.takeText(), line: parser.currentLine) }
        capture = nil
        if itemDepth != nil { feed.moveItem(&item) }
        itemDepth = nil
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
        let isRSS = XMLNamespace.isRSS(element.namespace)
        if itemDepth == nil, isRSS, element.known == .item {
            itemDepth = depth
            item = ItemDraft()
            item.titleIsHTML = true
            item.baseURL = bases.current
            item.resourceIdentifier =
                attributes.value("about", namespace: XMLNamespace.rdf)
            return
        }
        if channelDepth == nil, isRSS, element.known == .channel {
            channelDepth = depth
            if XMLNamespace.equals(element.namespace, XMLNamespace.rss090) { feed.format = .rss09x }
            feed.baseURL = bases.current
            return
        }
        if let itemDepth, depth == itemDepth + 1 {
            startItemField(element, attributes: attributes, parser: parser)
        } else if itemDepth != nil, XMLNamespace.equals(element.namespace, XMLNamespace.mediaRSS) {
            // Media RSS (YouTube, podcasts) nests these in media:group.
            if element.known == .description, item.summary == nil {
                begin(.fallbackSummary, parser: parser)
                item.summaryIsHTML = attributes.value("type") == "html"
            } else if element.known == .title, item.title == nil {
                begin(.fallbackTitle, parser: parser)
            }
        } else if itemDepth == nil, let channelDepth, depth == channelDepth + 1 {
            startChannelField(element, attributes: attributes, parser: parser)
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
        if depth == itemDepth {
            feed.moveItem(&item)
            itemDepth = nil
        } else if depth == channelDepth {
            channelDepth = nil
        }
    }

    private func begin(_ field: Field, keepsMarkup: Bool = false, parser: XMLSAXParser) {
        capture = FieldCapture(field: field, depth: depth, keepsMarkup: keepsMarkup)
        parser.discardText()
        parser.isCapturingText = true
    }

    private func startChannelField(
        _ element: XMLName, attributes: XMLAttributes, parser: XMLSAXParser
    ) {
        let field: Field?
        // The name first: comparing it is an integer compare, the namespace a string one.
        switch (element.known, element.namespace) {
        case (.title, let namespace) where XMLNamespace.isRSS(namespace): field = .channelTitle
        case (.title, XMLNamespace.dublinCore): field = feed.title == nil ? .channelTitle : nil
        case (.link, let namespace) where XMLNamespace.isRSS(namespace): field = .channelLink
        case (.description, let namespace) where XMLNamespace.isRSS(namespace):
            field = .channelDescription
        case (.description, XMLNamespace.dublinCore): field = .channelDescription
        case (.lastBuildDate, let namespace) where XMLNamespace.isRSS(namespace):
            field = .channelUpdated
        case (.pubDate, let namespace) where XMLNamespace.isRSS(namespace):
            field = .channelFallbackUpdated
        case (.date, XMLNamespace.dublinCore), (.modified, XMLNamespace.dublinCoreTerms),
            (.updated, XMLNamespace.atom10):
            field = .channelFallbackUpdated
        case (.ttl, let namespace) where XMLNamespace.isRSS(namespace): field = .timeToLive
        case (.updatePeriod, XMLNamespace.syndication): field = .updatePeriod
        case (.updateFrequency, XMLNamespace.syndication): field = .updateFrequency
        case (.link, XMLNamespace.atom10):
            let relation = attributes.value("rel") ?? "alternate"
            if relation == "alternate", feed.link == nil, let href = attributes.value("href") {
                feed.link = URLResolver.resolve(href, against: bases.current)
            }
            field = nil
        default: field = nil
        }
        if let field { begin(field, keepsMarkup: field == .channelDescription, parser: parser) }
    }

    private func startItemField(
        _ element: XMLName, attributes: XMLAttributes, parser: XMLSAXParser
    ) {
        let field: Field?
        // The name first: comparing it is an integer compare, the namespace a string one.
        switch (element.known, element.namespace) {
        case (.title, let namespace) where XMLNamespace.isRSS(namespace): field = .title
        case (.title, XMLNamespace.dublinCore): field = .fallbackTitle
        case (.link, let namespace) where XMLNamespace.isRSS(namespace): field = .link
        case (.description, let namespace) where XMLNamespace.isRSS(namespace):
            field = .description
        case (.description, XMLNamespace.dublinCore):
            field = item.summary == nil ? .description : nil
        case (.encoded, XMLNamespace.content): field = .content
        case (.summary, XMLNamespace.iTunes):
            // Plain text by Apple's rules; a later <description> replaces it.
            field = item.summary == nil ? .fallbackSummary : nil
            if field != nil { item.summaryIsHTML = false }
        case (.author, XMLNamespace.iTunes): field = .author
        case (.fullitem, nil): field = item.content == nil ? .content : nil
        case (.body, XMLNamespace.xhtml), (.div, XMLNamespace.xhtml): field = .fallbackContent
        case (.guid, let namespace) where XMLNamespace.isRSS(namespace):
            item.guidIsPermaLink = attributes.value("isPermaLink")?.lowercased() != "false"
            field = .guid
        case (.id, XMLNamespace.atom10): field = .guid
        case (.author, let namespace) where XMLNamespace.isRSS(namespace): field = .author
        case (.creator, XMLNamespace.dublinCore), (.contributor, XMLNamespace.dublinCore):
            field = .author
        case (.category, let namespace) where XMLNamespace.isRSS(namespace): field = .category
        case (.subject, XMLNamespace.dublinCore): field = .category
        case (.pubDate, let namespace) where XMLNamespace.isRSS(namespace): field = .published
        case (.date, XMLNamespace.dublinCore), (.issued, XMLNamespace.dublinCoreTerms),
            (.published, XMLNamespace.atom10):
            field = .fallbackPublished
        case (.modified, XMLNamespace.dublinCoreTerms), (.updated, XMLNamespace.atom10):
            field = .updated
        case (.link, XMLNamespace.atom10):
            let relation = attributes.value("rel") ?? "alternate"
            if relation == "alternate", item.link == nil, let href = attributes.value("href") {
                item.link = URLResolver.resolve(href, against: bases.current)
            }
            field = nil
        default: field = nil
        }
        guard let field else { return }
        let keepsMarkup = field == .description || field == .content || field == .fallbackContent
        begin(field, keepsMarkup: keepsMarkup, parser: parser)
        // Inline XHTML is markup, so its text must stay escaped.
        parser.escapesCapturedText = field == .fallbackContent
    }

    /// Stores a captured field; `line` is where it ended, for warnings.
    private func complete(_ capture: FieldCapture<Field>, text: String, line: Int?) {
        switch capture.field {
        case .channelTitle: feed.title = text
        case .channelLink:
            if !text.isEmpty { feed.link = URLResolver.resolve(text, against: bases.current) }
        case .channelDescription: feed.description = text
        case .channelUpdated: feed.updated = feed.dates.read(text, line: line) ?? feed.updated
        case .channelFallbackUpdated:
            if feed.updated == nil { feed.updated = feed.dates.read(text, line: line) }
        case .timeToLive: feed.timeToLive = Double(text).map { $0 * 60 }
        case .updatePeriod: feed.updatePeriod = text
        case .updateFrequency: feed.updateFrequency = Int(text)
        case .title: item.title = text
        case .fallbackTitle: if item.title == nil { item.title = text }
        case .link:
            if !text.isEmpty { item.link = URLResolver.resolve(text, against: bases.current) }
        case .description:
            item.summary = text
            item.summaryIsHTML = true
        case .fallbackSummary: if item.summary == nil { item.summary = text }
        case .content: item.content = text
        case .fallbackContent: if item.content == nil { item.content = text }
        case .guid: if !text.isEmpty { item.guid = text }
        case .author: if !text.isEmpty, !item.authors.contains(text) { item.authors.append(text) }
        case .category:
            if !text.isEmpty, !item.categories.contains(text) { item.categories.append(text) }
        case .published:
            item.published = feed.dates.read(text, line: line) ?? item.published
            item.dateText = text
        case .fallbackPublished:
            if item.published == nil { item.published = feed.dates.read(text, line: line) }
            if item.dateText == nil { item.dateText = text }
        case .updated: item.updated = feed.dates.read(text, line: line)
        }
    }
}
