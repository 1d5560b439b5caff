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

    static func startTag(_ element: XMLName, attributes: [XMLAttribute]) -> String {
        var tag = "<" + element.localName
        for attribute in attributes {
            let name =
                attribute.name.namespace == XMLNamespace.xml
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

/// The `xml:base` in force at each open element.
struct BaseURLStack {
    private var stack: [URL?]

    init(documentURL: URL?) {
        stack = [documentURL]
    }

    var current: URL? { stack[stack.count - 1] }

    mutating func push(_ attributes: [XMLAttribute]) {
        let base = attributes.first {
            $0.name.localName == "base" && $0.name.namespace == XMLNamespace.xml
        }
        if let base {
            let resolved = URLResolver.resolve(base.value, against: current)
            stack.append(resolved.flatMap { URL(string: $0) } ?? current)
        } else {
            stack.append(current)
        }
    }

    mutating func pop() {
        if stack.count > 1 { stack.removeLast() }
    }
}

extension [XMLAttribute] {
    /// The value of an attribute without namespace (or, failing that, with any).
    func value(_ localName: String) -> String? {
        first { $0.name.localName == localName && $0.name.namespace == nil }?.value
            ?? first { $0.name.localName == localName }?.value
    }
}
