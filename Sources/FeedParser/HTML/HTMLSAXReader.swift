import CLibXML2

/// The one place where feedwatch talks to libxml2's HTML parser: a reusable
/// context driven by SAX callbacks into a `TextFolder`, never building a
/// tree. Pointers stay in this file.
final class HTMLSAXReader {
    private var context: htmlParserCtxtPtr?
    private var folder = TextFolder()

    init() {
        LibXML2Functions.initialized
        context = htmlNewParserCtxt()
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
    }

    /// The text of an HTML fragment, folded by `TextFolder`'s rules.
    func text(of html: String) -> String {
        guard let context else { return TextFolder.fold(html) }
        folder = TextFolder()
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        Self.install(into: &handler)
        context.pointee.sax.pointee = handler
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        let options =
            Int32(HTML_PARSE_RECOVER.rawValue) | Int32(HTML_PARSE_NONET.rawValue)
            | Int32(HTML_PARSE_NOERROR.rawValue) | Int32(HTML_PARSE_NOWARNING.rawValue)
            | Int32(HTML_PARSE_NODEFDTD.rawValue) | Int32(HTML_PARSE_NOIMPLIED.rawValue)
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
        return folder.result()
    }

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        // HTML element names are short: they fit in a small string, no allocation.
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func instance(_ context: UnsafeMutableRawPointer?) -> HTMLSAXReader? {
        guard let context else { return nil }
        let parserContext = context.assumingMemoryBound(to: htmlParserCtxt.self)
        guard let reader = parserContext.pointee._private else { return nil }
        return Unmanaged<HTMLSAXReader>.fromOpaque(reader).takeUnretainedValue()
    }

    private static func install(into handler: inout xmlSAXHandler) {
        handler.startElement = { context, name, attributes in
            guard let reader = HTMLSAXReader.instance(context) else { return }
            let element = reader.name(name)
            reader.folder.start(element)
            // An image stands for its alt text, as a text browser shows it.
            guard element == "img", var pair = attributes else { return }
            while let attribute = pair[0] {
                if let value = pair[1], String(cString: attribute) == "alt" {
                    let text = UnsafeBufferPointer(start: value, count: strlen(value))
                    reader.folder.append(CollectionOfOne(UInt8(ascii: " ")))
                    reader.folder.append(text)
                    reader.folder.append(CollectionOfOne(UInt8(ascii: " ")))
                }
                pair += 2
            }
        }
        handler.endElement = { context, name in
            guard let reader = HTMLSAXReader.instance(context) else { return }
            reader.folder.end(reader.name(name))
        }
        handler.characters = { context, characters, length in
            guard let characters, length > 0 else { return }
            HTMLSAXReader.instance(context)?.folder.append(
                UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.ignorableWhitespace = handler.characters
        // Script and style bodies arrive here; they are not text.
        handler.cdataBlock = { _, _, _ in }
        handler.serror = { _, _ in }
    }
}
