import Foundation

/// A field being read between its start and end tags.
struct FieldCapture<Field> {
    var field: Field
    /// The element depth of the field's own element.
    var depth: Int
    /// Child elements are written back as markup (HTML or XHTML content)
    /// rather than dropped, leaving only their text.
    var keepsMarkup: Bool
    /// The depth of an Atom XHTML wrapper `<div>`, which is not content.
    var wrapperDepth: Int?

    /// The start of `element` at `depth` inside this capture: XHTML content
    /// keeps its markup, all but the `xhtml:div` that wraps it.
    mutating func start(
        _ element: XMLName, attributes: XMLAttributes, at depth: Int, parser: XMLSAXParser
    ) {
        guard keepsMarkup else { return }
        if wrapperDepth == nil, depth == self.depth + 1, element.localName == "div",
            XMLNamespace.equals(element.namespace, XMLNamespace.xhtml)
        {
            wrapperDepth = depth
        } else {
            parser.appendMarkup(MarkupWriter.startTag(element, attributes: attributes))
        }
    }

    /// The end of `element` at `depth` inside this capture: the captured text
    /// when it closes the captured field (and capturing stops), nil while it
    /// is an element inside it (whose end tag XHTML content keeps).
    func end(_ element: XMLName, at depth: Int, parser: XMLSAXParser) -> String? {
        if depth == self.depth {
            parser.isCapturingText = false
            parser.escapesCapturedText = false
            return parser.takeText()
        }
        if keepsMarkup, depth != wrapperDepth, let tag = MarkupWriter.endTag(element) {
            parser.appendMarkup(tag)
        }
        return nil
    }

    init(field: Field, depth: Int, keepsMarkup: Bool = false) {
        self.field = field
        self.depth = depth
        self.keepsMarkup = keepsMarkup
    }
}

/// Writes elements met inside content back out as markup.
enum MarkupWriter {
    /// HTML elements without content, written as `<br/>` with no end tag.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source",
        "track", "wbr",
    ]

    static func startTag(_ element: XMLName, attributes: XMLAttributes) -> String {
        var tag = "<" + element.localName
        for attribute in attributes.all {
            let name =
                XMLNamespace.equals(attribute.name.namespace, XMLNamespace.xml)
                ? "xml:" + attribute.name.localName : attribute.name.localName
            tag += " \(name)=\"\(escapeAttribute(attribute.value))\""
        }
        return tag + (isVoid(element) ? "/>" : ">")
    }

    static func endTag(_ element: XMLName) -> String? {
        isVoid(element) ? nil : "</\(element.localName)>"
    }

    static func isVoid(_ element: XMLName) -> Bool {
        voidElements.contains(element.localName.lowercased())
    }

    private static func escapeAttribute(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "<" || $0 == "\"" }) else { return value }
        return value.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(
            "\"", with: "&quot;")
    }
}

/// The `xml:base` in force at each open element. Only elements that carry
/// an `xml:base` are remembered, by depth: most documents have none.
struct BaseURLStack {
    private let documentURL: URL?
    private var overrides: [(depth: Int, url: URL?)] = []
    private var depth = 0

    init(documentURL: URL?) {
        self.documentURL = documentURL
    }

    var current: URL? { overrides.last?.url ?? documentURL }

    mutating func push(_ attributes: XMLAttributes) {
        depth += 1
        if attributes.count > 0, let base = attributes.value("base", namespace: XMLNamespace.xml) {
            let resolved = URLResolver.resolve(base, against: current)
            overrides.append((depth, resolved.flatMap { URL(string: $0) } ?? current))
        }
    }

    mutating func pop() {
        if let last = overrides.last, last.depth == depth { overrides.removeLast() }
        depth -= 1
    }
}
