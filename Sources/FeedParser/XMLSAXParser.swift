import CLibXML2
import Foundation

/// A namespace-qualified XML name. Handlers match on the namespace URI, never
/// on the prefix a document happened to choose.
struct XMLName: Hashable, Sendable {
    var namespace: String?
    var localName: String
}

/// One attribute of a start tag, its value with entities already decoded.
struct XMLAttribute: Sendable {
    var name: XMLName
    var value: String
}

/// Something libxml2 complained about, with where it was.
struct XMLDiagnostic: Sendable, Equatable {
    var line: Int
    var column: Int
    var message: String
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int
    var isFatal: Bool
}

/// Receives the element events of `XMLSAXParser`. Text is not pushed: the
/// delegate turns capture on where it cares and takes the text at the end tag.
protocol XMLSAXDelegate: AnyObject {
    func parser(_ parser: XMLSAXParser, didStart element: XMLName, attributes: XMLAttributes)
    func parser(_ parser: XMLSAXParser, didEnd element: XMLName)
}

/// The one place where feedwatch talks to libxml2's streaming XML parser:
/// a SAX2 push parser in recover mode, no network, no DTD loading, no entity
/// substitution. Pointers stay in this file.
final class XMLSAXParser {
    /// Held strongly for the parse only; `parse` lets go at the end.
    var delegate: XMLSAXDelegate?

    /// When on, character data and CDATA go into the text buffer.
    var isCapturingText = false
    /// When on, captured text is escaped as XML (for inline markup serialized
    /// back to a string).
    var escapesCapturedText = false

    private(set) var diagnostics: [XMLDiagnostic] = []
    /// Set when parsing was stopped on purpose (entity expansion, limits).
    private(set) var abortError: ParserError?

    private var textBuffer: [UInt8] = []
    private var textBudget: Int
    private var context: xmlParserCtxtPtr?
    private var htmlEntityHolder: xmlDocPtr?
    private var nameCache: [UnsafePointer<xmlChar>: String] = [:]

    /// - Parameter textBudget: how many bytes of character data the document
    ///   may produce; past it (entity expansion bombs) parsing stops.
    init(textBudget: Int) {
        self.textBudget = textBudget
    }

    /// Parses a whole UTF-8 document, calling the delegate as elements open
    /// and close. Recoverable errors end up in `diagnostics`.
    func parse(utf8 bytes: [UInt8]) throws(ParserError) {
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        Self.install(into: &handler)
        let userData = Unmanaged.passUnretained(self).toOpaque()
        let headLength = min(4, bytes.count)
        let created: xmlParserCtxtPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: headLength) {
                xmlCreatePushParserCtxt(&handler, userData, $0, Int32(headLength), nil)
            }
        }
        guard let context = created else {
            throw .notAFeed(reason: "the XML parser could not start (out of memory?)")
        }
        self.context = context
        defer {
            if let document = context.pointee.myDoc {
                xmlFreeDoc(document)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
            if let holder = htmlEntityHolder { xmlFreeDoc(holder) }
            htmlEntityHolder = nil
            self.context = nil
        }
        let options =
            Int32(XML_PARSE_RECOVER.rawValue) | Int32(XML_PARSE_NONET.rawValue)
            | Int32(XML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        // Entities are never substituted: external ones would be read from disk.
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        bytes.withUnsafeBufferPointer { buffer in
            let rest = buffer.count - headLength
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = xmlParseChunk(context, $0 + headLength, Int32(rest), 1)
            }
            if buffer.baseAddress == nil { _ = xmlParseChunk(context, nil, 0, 1) }
        }
        delegate = nil
        if let abortError { throw abortError }
    }

    /// The captured text so far without surrounding whitespace, emptying the buffer.
    func takeText() -> String {
        var start = 0
        var end = textBuffer.count
        while start < end, Self.isWhitespace(textBuffer[start]) { start += 1 }
        while end > start, Self.isWhitespace(textBuffer[end - 1]) { end -= 1 }
        let text = String(decoding: textBuffer[start..<end], as: UTF8.self)
        textBuffer.removeAll(keepingCapacity: true)
        return text
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// Drops the captured text.
    func discardText() {
        textBuffer.removeAll(keepingCapacity: true)
    }

    /// Appends markup (already escaped) to the text buffer.
    func appendMarkup(_ markup: String) {
        textBuffer.append(contentsOf: markup.utf8)
    }

    /// Appends text to the buffer, escaped when `escapesCapturedText` is on.
    func appendText(_ text: String) {
        appendCharacters(text.utf8)
    }

    /// Stops parsing with an error the caller will see.
    func abort(_ error: ParserError) {
        if abortError == nil { abortError = error }
        if let context { xmlStopParser(context) }
    }

    // MARK: - Events from libxml2

    private func appendCharacters<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        textBudget -= bytes.count
        if textBudget < 0 {
            abort(.resourceLimit(reason: "the document expands to more text than its size allows"))
            return
        }
        guard isCapturingText else { return }
        guard escapesCapturedText else {
            textBuffer.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): textBuffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): textBuffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): textBuffer.append(contentsOf: "&gt;".utf8)
            default: textBuffer.append(byte)
            }
        }
    }

    private func name(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // libxml2 interns names in the context's dictionary, so a pointer
        // stands for one name for the whole parse.
        if let cached = nameCache[pointer] { return cached }
        let value = String(cString: pointer)
        nameCache[pointer] = value
        return value
    }

    private func startElement(
        localName: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let element = XMLName(namespace: name(namespace), localName: name(localName) ?? "")
        delegate?.parser(
            self, didStart: element,
            attributes: XMLAttributes(pointer: attributes, count: attributeCount))
    }

    private func endElement(localName: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?)
    {
        delegate?.parser(
            self, didEnd: XMLName(namespace: name(namespace), localName: name(localName) ?? ""))
    }

    private func entity(named entityName: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
        guard let context, let entityName else { return nil }
        if let predefined = xmlGetPredefinedEntity(entityName) { return predefined }
        if let declared = xmlSAX2GetEntity(context, entityName) {
            switch declared.pointee.etype {
            case XML_INTERNAL_GENERAL_ENTITY, XML_INTERNAL_PREDEFINED_ENTITY:
                return declared
            default:
                // An external entity (XXE): never read; it stands for nothing.
                record(
                    XMLDiagnostic(
                        line: Int(xmlSAX2GetLineNumber(context)), column: 0,
                        message: "external entity &\(name(entityName) ?? "?"); ignored", code: 0,
                        isFatal: false))
                return emptyEntity()
            }
        }
        return htmlEntity(named: entityName)
    }

    /// A document whose internal subset holds the entities made up here.
    private func entityHolder() -> xmlDocPtr? {
        if htmlEntityHolder == nil {
            htmlEntityHolder = xmlNewDoc(nil)
            if let holder = htmlEntityHolder { xmlCreateIntSubset(holder, "html", nil, nil) }
        }
        return htmlEntityHolder
    }

    private func htmlEntity(named entityName: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        feedwatch_html_entity(entityHolder(), entityName)
    }

    /// An entity that expands to nothing, standing in for refused external ones.
    private func emptyEntity() -> xmlEntityPtr? {
        guard let holder = entityHolder() else { return nil }
        if let existing = xmlGetDocEntity(holder, "feedwatch-empty") { return existing }
        let entity = xmlAddDocEntity(
            holder, "feedwatch-empty", Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, "")
        entity?.pointee.etype = XML_INTERNAL_PREDEFINED_ENTITY
        return entity
    }

    private func record(_ diagnostic: XMLDiagnostic) {
        // A hopeless document repeats itself; the first errors say enough.
        if diagnostics.count < 50 { diagnostics.append(diagnostic) }
    }

    private func error(_ error: UnsafePointer<xmlError>?) {
        guard let error else { return }
        let detail = error.pointee
        var message = detail.message.map { String(cString: $0) } ?? "unknown error"
        while message.last?.isNewline == true { message.removeLast() }
        let code = Int(detail.code)
        record(
            XMLDiagnostic(
                line: Int(detail.line), column: Int(detail.int2), message: message, code: code,
                isFatal: detail.level.rawValue >= XML_ERR_ERROR.rawValue))
        if detail.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) {
            abort(
                .resourceLimit(
                    reason: "entity expansion loop or amplification (line \(detail.line))"))
        }
    }

    // MARK: - The handler table

    private static func instance(_ userData: UnsafeMutableRawPointer?) -> XMLSAXParser? {
        guard let userData else { return nil }
        return Unmanaged<XMLSAXParser>.fromOpaque(userData).takeUnretainedValue()
    }

    private static func install(into handler: inout xmlSAXHandler) {
        handler.startElementNs = {
            userData, localName, _, namespace, _, _, attributeCount, _, attributes in
            XMLSAXParser.instance(userData)?.startElement(
                localName: localName, namespace: namespace, attributeCount: Int(attributeCount),
                attributes: attributes)
        }
        handler.endElementNs = { userData, localName, _, namespace in
            XMLSAXParser.instance(userData)?.endElement(localName: localName, namespace: namespace)
        }
        handler.characters = { userData, characters, length in
            guard let characters, length > 0 else { return }
            XMLSAXParser.instance(userData)?.appendCharacters(
                UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.cdataBlock = { userData, characters, length in
            guard let characters, length > 0 else { return }
            XMLSAXParser.instance(userData)?.appendCharacters(
                UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        handler.getEntity = { userData, entityName in
            XMLSAXParser.instance(userData)?.entity(named: entityName)
        }
        // Internal-subset declarations are kept (in a document holding only
        // the DTD) so that declared entities resolve; nothing is fetched.
        handler.startDocument = { userData in
            if let context = XMLSAXParser.instance(userData)?.context {
                xmlSAX2StartDocument(context)
            }
        }
        handler.internalSubset = { userData, name, externalID, systemID in
            if let context = XMLSAXParser.instance(userData)?.context {
                xmlSAX2InternalSubset(context, name, externalID, systemID)
            }
        }
        handler.entityDecl = { userData, name, type, publicID, systemID, content in
            if let context = XMLSAXParser.instance(userData)?.context {
                xmlSAX2EntityDecl(context, name, type, publicID, systemID, content)
            }
        }
        handler.serror = { userData, error in
            XMLSAXParser.instance(userData)?.error(error)
        }
    }
}

/// The attributes of the start tag being reported, decoded on demand since
/// most are never looked at. Valid only during the delegate call.
struct XMLAttributes {
    /// libxml2's layout: five pointers per attribute (local name, prefix,
    /// namespace URI, value start, value end).
    private let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    fileprivate init(pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.pointer = pointer
        self.count = pointer == nil ? 0 : count
    }

    /// No attributes at all.
    static var empty: XMLAttributes { XMLAttributes(pointer: nil, count: 0) }

    /// The value of an attribute without namespace or, failing that, with any.
    func value(_ localName: String) -> String? {
        var fallback: Int?
        for index in 0..<count where Self.equals(field(index, 0), localName) {
            if field(index, 2) == nil { return value(at: index) }
            if fallback == nil { fallback = index }
        }
        return fallback.map(value(at:))
    }

    /// The value of a namespaced attribute (`xml:base`, `rdf:about`).
    func value(_ localName: String, namespace: String) -> String? {
        for index in 0..<count
        where Self.equals(field(index, 0), localName) && Self.equals(field(index, 2), namespace) {
            return value(at: index)
        }
        return nil
    }

    /// Every attribute, decoded.
    var all: [XMLAttribute] {
        (0..<count).map { index in
            XMLAttribute(
                name: XMLName(
                    namespace: field(index, 2).map { String(cString: $0) },
                    localName: field(index, 0).map { String(cString: $0) } ?? ""),
                value: value(at: index))
        }
    }

    private func field(_ index: Int, _ offset: Int) -> UnsafePointer<xmlChar>? {
        pointer?[index * 5 + offset]
    }

    private func value(at index: Int) -> String {
        guard let start = field(index, 3), let end = field(index, 4) else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        // Without entity substitution libxml2 leaves `&` as `&#38;`.
        guard let ampersand = bytes.firstIndex(of: UInt8(ascii: "&")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        let reference = Array("&#38;".utf8)
        var decoded = Array(bytes[..<ampersand])
        var index = ampersand
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), bytes[index...].starts(with: reference) {
                decoded.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func equals(_ cString: UnsafePointer<xmlChar>?, _ string: String) -> Bool {
        guard let cString else { return false }
        var index = 0
        for byte in string.utf8 {
            guard cString[index] == byte else { return false }
            index += 1
        }
        return cString[index] == 0
    }
}
