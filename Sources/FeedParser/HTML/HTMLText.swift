import Foundation

/// HTML reduced to the plain text a person would read: scripts and styles
/// dropped, block elements turned into line breaks, entities decoded,
/// whitespace folded. Text without markup takes a fast path, simple markup
/// a pure-Swift reader (`SimpleHTMLReader`), the rest libxml2's HTML parser.
///
/// Other modules use it for anything that may hold HTML.
public enum HTMLText {
    /// The plain text of an HTML fragment or document.
    public static func plainText(_ html: String) -> String {
        if let text = TextFolder.foldUnlessMarkup(html) { return text }
        if let text = SimpleHTMLReader.text(of: html) { return text }
        // One libxml2 HTML context per thread, kept: creating one costs more
        // than reducing a typical snippet.
        let key = "feedwatch.HTMLText.reader"
        let cache = Thread.current.threadDictionary
        if let reader = cache[key] as? HTMLSAXReader { return reader.text(of: html) }
        let reader = HTMLSAXReader()
        cache[key] = reader
        return reader.text(of: html)
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

    /// - Parameter singleLine: block boundaries become spaces (for titles).
    func plainText(_ html: String, singleLine: Bool = false) -> String {
        if let text = TextFolder.foldUnlessMarkup(html) { return text }
        if let text = SimpleHTMLReader.text(of: html, singleLine: singleLine) { return text }
        return reader.text(of: html, singleLine: singleLine)
    }
}
