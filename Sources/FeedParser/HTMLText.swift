/// HTML reduced to the plain text a person would read: scripts and styles
/// dropped, block elements turned into line breaks, entities decoded,
/// whitespace folded. Text without markup takes a fast path.
///
/// Other modules use it for anything that may hold HTML.
public enum HTMLText {
    /// The plain text of an HTML fragment or document.
    public static func plainText(_ html: String) -> String {
        guard needsParsing(html) else { return TextFolder.fold(html) }
        return HTMLSAXReader().text(of: html)
    }

    /// Folds runs of whitespace to one space and trims, for text that is not HTML.
    public static func foldWhitespace(_ text: String) -> String {
        TextFolder.fold(text)
    }

    static func needsParsing(_ text: String) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
    }
}

/// One converter per parse, reusing libxml2's HTML context across items.
final class HTMLTextConverter {
    private lazy var reader = HTMLSAXReader()

    func plainText(_ html: String) -> String {
        guard HTMLText.needsParsing(html) else { return TextFolder.fold(html) }
        return reader.text(of: html)
    }
}

/// Accumulates text from HTML events: whitespace runs become one space,
/// block boundaries one line break, and skipped elements contribute nothing.
struct TextFolder {
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
        "ol", "p",
        "pre", "section", "table", "tr", "ul", "body", "html", "caption", "tbody", "thead", "tfoot",
    ]
    private static let cellElements: Set<String> = ["td", "th"]
    private static let skippedElements: Set<String> = [
        "script", "style", "head", "template", "noscript", "iframe", "object", "svg", "math",
    ]

    private var output: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = false
    private var pendingLeadByte = false
    private var skipDepth = 0

    static func fold(_ text: String) -> String {
        var folder = TextFolder()
        folder.append(text.utf8)
        return folder.result()
    }

    mutating func start(_ name: String) {
        if Self.skippedElements.contains(name) { skipDepth += 1 }
        boundary(name)
    }

    mutating func end(_ name: String) {
        if Self.skippedElements.contains(name), skipDepth > 0 { skipDepth -= 1 }
        boundary(name)
    }

    private mutating func boundary(_ name: String) {
        if Self.blockElements.contains(name) {
            pendingBreak = true
        } else if Self.cellElements.contains(name) {
            pendingSpace = true
        }
    }

    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        guard skipDepth == 0 else { return }
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if pendingLeadByte {
                pendingLeadByte = false
                if byte == 0xA0 {
                    // A no-break space folds like any space.
                    pendingSpace = true
                    index = bytes.index(after: index)
                    continue
                }
                emit(0xC2)
            }
            if byte > 0x20, byte != 0xC2 {
                // A run of ordinary bytes goes in at once.
                var end = bytes.index(after: index)
                while end != bytes.endIndex, bytes[end] > 0x20, bytes[end] != 0xC2 {
                    end = bytes.index(after: end)
                }
                separate()
                output.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            if byte == 0xC2 {
                pendingLeadByte = true
            } else {
                // Whitespace, and control characters, which show as nothing else.
                pendingSpace = true
            }
            index = bytes.index(after: index)
        }
    }

    private mutating func separate() {
        if !output.isEmpty {
            if pendingBreak {
                output.append(0x0A)
            } else if pendingSpace {
                output.append(0x20)
            }
        }
        pendingBreak = false
        pendingSpace = false
    }

    private mutating func emit(_ byte: UInt8) {
        separate()
        output.append(byte)
    }

    mutating func result() -> String {
        if pendingLeadByte {
            pendingLeadByte = false
            emit(0xC2)
        }
        return String(decoding: output, as: UTF8.self)
    }
}
