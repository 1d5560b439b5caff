import CLibXML2

/// The one place where feedwatch talks to libxml2's HTML parser: a reusable
/// context driven by SAX callbacks into a `TextFolder`, never building a
/// tree. Callbacks come back through a `SAXCallbackTarget`, as the XML
/// parser's do; pointers stay in this file.
final class HTMLSAXReader {
    private var context: htmlParserCtxtPtr?
    private let folder = SAXCallbackTarget(TextFolder())

    /// Recovering, silent and offline. libxml2 implies `html` and `body`
    /// around a fragment, as browsers do, and that matters: without them
    /// (`HTML_PARSE_NOIMPLIED`) it opens a paragraph around any text outside
    /// an element, so `<b>Prigo</b>zhin` would read as two lines.
    private static let options =
        Int32(HTML_PARSE_RECOVER.rawValue) | Int32(HTML_PARSE_NONET.rawValue)
        | Int32(HTML_PARSE_NOERROR.rawValue) | Int32(HTML_PARSE_NOWARNING.rawValue)
        | Int32(HTML_PARSE_NODEFDTD.rawValue)

    init() {
        LibXML2Functions.initialized
        context = htmlNewParserCtxt()
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
    }

    /// The text of an HTML fragment, folded by `TextFolder`'s rules; on one
    /// line when `singleLine` is set.
    func text(of html: String, singleLine: Bool = false) -> String {
        guard let context else { return TextFolder.fold(html) }
        folder.state.pointee = TextFolder(singleLine: singleLine)
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        Self.installFolding(into: &handler)
        Self.read(html, in: context, handler: handler, target: folder)
        return folder.state.pointee.result()
    }

    /// Whether libxml2's HTML parser, reading `<name><name>`, ends the first
    /// element before it starts the second; nil when it could not tell.
    /// (`htmlAutoCloseTag` answers this for two different names but always
    /// says no for equal ones, so the parser's own events are asked.)
    static func startTagClosesSameElement(_ name: String) -> Bool? {
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        let probe = SAXCallbackTarget(CloseProbe())
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        // The `html` and `body` libxml2 implies around the fragment are not counted.
        handler.startElement = { userData, name, _ in
            guard !CloseProbe.isImplied(name) else { return }
            SAXCallbackTarget<CloseProbe>.state(from: userData)?.pointee.starts += 1
        }
        handler.endElement = { userData, name in
            guard !CloseProbe.isImplied(name),
                let probe = SAXCallbackTarget<CloseProbe>.state(from: userData)
            else { return }
            if probe.pointee.starts == 1 { probe.pointee.endedFirst = true }
        }
        read("<\(name)><\(name)>", in: context, handler: handler, target: probe)
        let seen = probe.state.pointee
        return seen.starts == 2 ? seen.endedFirst : nil
    }

    /// The start tags called one of `names` (lowercase) in an HTML document,
    /// in document order, each with its attributes (names lowercased, values
    /// decoded); `limit` tags at most.
    static func startTags(of html: String, named names: Set<String>, limit: Int = 1000)
        -> [HTMLStartTag]
    {
        guard let context = htmlNewParserCtxt() else { return [] }
        defer { htmlFreeParserCtxt(context) }
        let collected = SAXCallbackTarget(TagCollector(names: names, limit: limit))
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        handler.startElement = { userData, name, attributes in
            guard let collector = SAXCallbackTarget<TagCollector>.state(from: userData) else {
                return
            }
            let element = HTMLSAXReader.name(name).lowercased()
            guard collector.pointee.names.contains(element),
                collector.pointee.tags.count < collector.pointee.limit
            else { return }
            var tag = HTMLStartTag(name: element, attributes: [:])
            if var pair = attributes {
                while let attribute = pair[0] {
                    let key = String(cString: attribute).lowercased()
                    if tag.attributes[key] == nil {
                        tag.attributes[key] = pair[1].map { String(cString: $0) } ?? ""
                    }
                    pair += 2
                }
            }
            collector.pointee.tags.append(tag)
        }
        handler.serror = { _, _ in }
        read(html, in: context, handler: handler, target: collected)
        return collected.state.pointee.tags
    }

    /// What `startTags` gathers.
    private struct TagCollector {
        let names: Set<String>
        let limit: Int
        var tags: [HTMLStartTag] = []
    }

    /// What `startTagClosesSameElement` saw: start tags, and whether an
    /// element ended between the first and the second.
    private struct CloseProbe {
        var starts = 0
        var endedFirst = false

        static func isImplied(_ name: UnsafePointer<xmlChar>?) -> Bool {
            let element = HTMLSAXReader.name(name)
            return element == "html" || element == "body" || element == "head"
        }
    }

    /// Runs libxml2's HTML parser over `html` in `context`, its events going
    /// to `handler` and from there to `target`'s state; no tree is kept.
    private static func read<State>(
        _ html: String, in context: htmlParserCtxtPtr, handler: xmlSAXHandler,
        target: SAXCallbackTarget<State>
    ) {
        context.pointee.sax.pointee = handler
        target.attach(to: context)
        var source = html
        source.withUTF8 { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                pointer in
                let document = htmlCtxtReadMemory(
                    context, pointer, Int32(buffer.count), nil, "UTF-8", options)
                if let document { xmlFreeDoc(document) }
            }
        }
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
    }

    private static func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        // HTML element names are short: they fit in a small string, no allocation.
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func installFolding(into handler: inout xmlSAXHandler) {
        handler.startElement = { userData, name, attributes in
            guard let folder = SAXCallbackTarget<TextFolder>.state(from: userData) else { return }
            let element = HTMLSAXReader.name(name)
            folder.pointee.start(element)
            // An image stands for its alt text, as a text browser shows it.
            guard element == "img", var pair = attributes else { return }
            while let attribute = pair[0] {
                if let value = pair[1], String(cString: attribute) == "alt" {
                    let text = UnsafeBufferPointer(start: value, count: strlen(value))
                    folder.pointee.append(CollectionOfOne(UInt8(ascii: " ")))
                    folder.pointee.append(text)
                    folder.pointee.append(CollectionOfOne(UInt8(ascii: " ")))
                }
                pair += 2
            }
        }
        handler.endElement = { userData, name in
            SAXCallbackTarget<TextFolder>.state(from: userData)?.pointee.end(
                HTMLSAXReader.name(name))
        }
        handler.characters = { userData, characters, length in
            guard let characters, length > 0 else { return }
            SAXCallbackTarget<TextFolder>.state(from: userData)?.pointee.append(
                UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.ignorableWhitespace = handler.characters
        // Script and style bodies arrive here; they are not text.
        handler.cdataBlock = { _, _, _ in }
        handler.serror = { _, _ in }
    }
}

/// A start tag of an HTML document, as `HTMLSAXReader.startTags` reports it.
struct HTMLStartTag: Sendable, Equatable {
    var name: String
    var attributes: [String: String]
}
