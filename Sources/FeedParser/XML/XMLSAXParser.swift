import CLibXML2
import Foundation

/// Receives the element events of `XMLSAXParser`. Text is not pushed: the
/// delegate turns capture on where it cares and takes the text at the end tag.
protocol XMLSAXDelegate: AnyObject {
    func parser(_ parser: XMLSAXParser, didStart element: XMLName, attributes: XMLAttributes)
    func parser(_ parser: XMLSAXParser, didEnd element: XMLName)
}

/// The one place where feedwatch talks to libxml2's streaming XML parser:
/// a SAX2 parser over the document in memory, in recover mode, with no
/// network, no DTD loading and no entity substitution. Pointers to libxml2
/// stay in this folder and `HTML/`; callbacks come back through a
/// `SAXCallbackTarget`, as the HTML reader's do.
final class XMLSAXParser {
    /// Held strongly for the parse only; `parse` lets go at the end.
    var delegate: XMLSAXDelegate?

    /// When on, character data and CDATA go into the text buffer.
    var isCapturingText: Bool {
        get { callbacks.state.pointee.text.isCapturing }
        set { callbacks.state.pointee.text.isCapturing = newValue }
    }
    /// When on, captured text is escaped as XML (for inline markup serialized
    /// back to a string).
    var escapesCapturedText: Bool {
        get { callbacks.state.pointee.text.escapes }
        set { callbacks.state.pointee.text.escapes = newValue }
    }

    /// The first diagnostics (a hopeless document repeats itself).
    private(set) var diagnostics: [XMLDiagnostic] = []
    /// All diagnostics, also those past the first ones kept.
    private(set) var diagnosticCount = 0
    /// Set when parsing was stopped on purpose (entity expansion, limits).
    private(set) var abortError: ParserError?
    /// For a first, optimistic reading: stop at the first diagnostic or C1
    /// control character, either of which means the document needs the
    /// prepass (`EntityPrepass`) and another reading.
    var stopsAtFirstTrouble = false
    /// Whether that reading stopped, or met nothing to stop for.
    var metTrouble: Bool { callbacks.state.pointee.metTrouble || diagnosticCount > 0 }

    private var context: xmlParserCtxtPtr?
    private var htmlEntityHolder: xmlDocPtr?
    /// HTML names resolved for libxml2 so far, each reported once.
    private var htmlEntitiesResolved: Set<String> = []

    /// What the callbacks touch on every event. libxml2 calls `characters`
    /// for every run of text and every `&lt;` (26 times in a typical escaped
    /// summary): through a class property each call paid a dynamic
    /// exclusivity check and a retain, a third of its cost.
    private struct CallbackState {
        /// Unretained: the parser owns the state, which never outlives it.
        unowned(unsafe) var parser: XMLSAXParser?
        var text: XMLTextCapture
        var names = XMLNameCache()
        /// How runs of text are looked at for C1 controls (the prepass
        /// repairs them, libxml2 does not).
        var c1Search = C1Control.Search.none
        /// Whether CDATA sections are checked for UTF-8 here: the push
        /// parser checks their bytes for structure only, and lets overlong
        /// forms (`C1 BF`, `E0 81 80`) through, which the pull parser reports.
        var checksCDATA = false
        var metTrouble = false
    }

    private let callbacks: SAXCallbackTarget<CallbackState>

    /// - Parameter textBudget: how many bytes of character data the document
    ///   may produce; past it (entity expansion bombs) parsing stops.
    init(textBudget: Int) {
        callbacks = SAXCallbackTarget(
            CallbackState(parser: nil, text: XMLTextCapture(budget: textBudget)))
        callbacks.state.pointee.parser = self
    }

    deinit {
        callbacks.state.pointee.text.deallocate()
    }

    /// Parses a whole UTF-8 document, calling the delegate as elements open
    /// and close. Recoverable errors end up in `diagnostics`.
    func parse(utf8 bytes: [UInt8]) throws(ParserError) {
        LibXML2Functions.initialized
        callbacks.state.pointee.c1Search =
            stopsAtFirstTrouble ? bytes.withUnsafeBufferPointer(C1Control.search) : .none
        var handler = xmlSAXHandler()
        feedwatch_sax_handler_init(&handler)
        Self.install(into: &handler)
        // The first, optimistic reading goes through the push parser, given
        // the whole document at once: it hands over a CDATA section in one
        // piece where the pull parser decodes it a character at a time (a
        // twentieth of the parse). The two differ in how they recover from
        // errors, and that reading stops at the first one, so readings after
        // the prepass keep the pull parser, whose recovery the output was
        // built on. Either way no tree is ever built.
        let usesPushParser = stopsAtFirstTrouble && !bytes.isEmpty
        let created: xmlParserCtxtPtr?
        if usesPushParser {
            created = xmlCreatePushParserCtxt(&handler, nil, nil, 0, nil)
        } else {
            created = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCreateMemoryParserCtxt($0, Int32(buffer.count))
                }
            }
        }
        guard let context = created, let table = context.pointee.sax else {
            if let created { xmlFreeParserCtxt(created) }
            throw bytes.isEmpty
                ? .notAFeed(reason: "the document is empty")
                : .notAFeed(reason: "the XML parser could not start (out of memory?)")
        }
        // The push parser copied the table; the memory parser's is swapped for ours.
        if !usesPushParser { table.pointee = handler }
        callbacks.state.pointee.checksCDATA = usesPushParser
        callbacks.attach(to: context)
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
        if usesPushParser {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    _ = xmlParseChunk(context, $0, Int32(buffer.count), 1)
                }
            }
        } else {
            _ = xmlParseDocument(context)
        }
        delegate = nil
        if let abortError { throw abortError }
    }

    /// The line libxml2 has reached, for warnings that say where; nil once
    /// `parse` has returned (when handlers close what a truncated document left open).
    var currentLine: Int? {
        context.map { Int(xmlSAX2GetLineNumber($0)) }
    }

    /// The captured text so far without surrounding whitespace, emptying the buffer.
    func takeText() -> String {
        // In the first reading, until it meets trouble, libxml2 has checked
        // every character it handed over (overlong forms, surrogates and all)
        // and `cdataBlock` the CDATA it checks less; the markup appended is
        // Swift's own strings. Later readings may hold what libxml2 let
        // through in recovery, and are checked.
        let wellFormed = callbacks.state.pointee.checksCDATA && !metTrouble
        return callbacks.state.pointee.text.take(wellFormed: wellFormed)
    }

    /// Drops the captured text.
    func discardText() {
        callbacks.state.pointee.text.discard()
    }

    /// Appends markup (already escaped) to the text buffer.
    func appendMarkup(_ markup: String) {
        callbacks.state.pointee.text.appendMarkup(markup)
    }

    /// Stops parsing with an error the caller will see.
    func abort(_ error: ParserError) {
        if abortError == nil { abortError = error }
        if let context { xmlStopParser(context) }
    }

    // MARK: - Events from libxml2

    private func abortForTextBudget() {
        abort(.resourceLimit(reason: "the document expands to more text than its size allows"))
    }

    private func elementName(
        _ localName: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?
    ) -> XMLName {
        let (name, known) = callbacks.state.pointee.names.elementName(localName)
        return XMLName(namespace: self.namespace(namespace), localName: name, known: known)
    }

    private func namespace(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        callbacks.state.pointee.names.namespace(pointer)
    }

    private func startElement(
        localName: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        let element = elementName(localName, namespace: namespace)
        delegate?.parser(
            self, didStart: element,
            attributes: XMLAttributes(pointer: attributes, count: attributeCount))
    }

    private func endElement(localName: UnsafePointer<xmlChar>?, namespace: UnsafePointer<xmlChar>?)
    {
        delegate?.parser(
            self,
            didEnd: elementName(localName, namespace: namespace))
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
                        message: "external entity &\(String(cString: entityName)); ignored",
                        code: 0,
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

    /// Reached only when the document has an internal subset (else the
    /// prepass made every HTML name numeric): a recovery, reported once a name.
    private func htmlEntity(named entityName: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let entity = feedwatch_html_entity(entityHolder(), entityName)
        let text = String(cString: entityName)
        if entity != nil, let context, htmlEntitiesResolved.insert(text).inserted {
            record(
                XMLDiagnostic(
                    line: Int(xmlSAX2GetLineNumber(context)), column: 0,
                    message: "undeclared HTML entity &\(text); read as HTML", code: 0,
                    isFatal: false))
        }
        return entity
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
        if stopsAtFirstTrouble, let context { xmlStopParser(context) }
        diagnosticCount += 1
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

    @inline(__always)
    private static func state(_ userData: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<
        CallbackState
    >? {
        SAXCallbackTarget<CallbackState>.state(from: userData)
    }

    private static func instance(_ userData: UnsafeMutableRawPointer?) -> XMLSAXParser? {
        state(userData)?.pointee.parser
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
            guard let characters, length > 0, let state = XMLSAXParser.state(userData) else {
                return
            }
            let bytes = UnsafeBufferPointer(start: characters, count: Int(length))
            if !state.pointee.text.append(bytes) { state.pointee.parser?.abortForTextBudget() }
            if C1Control.occurs(in: bytes, searching: state.pointee.c1Search) {
                state.pointee.metTrouble = true
                if let context = state.pointee.parser?.context { xmlStopParser(context) }
            }
        }
        handler.cdataBlock = { userData, characters, length in
            guard let characters, length > 0, let state = XMLSAXParser.state(userData) else {
                return
            }
            let bytes = UnsafeBufferPointer(start: characters, count: Int(length))
            if !state.pointee.text.append(bytes) { state.pointee.parser?.abortForTextBudget() }
            if C1Control.occurs(in: bytes, searching: state.pointee.c1Search)
                || (state.pointee.checksCDATA && !UTF8Strings.isWellFormed(bytes))
            {
                state.pointee.metTrouble = true
                if let context = state.pointee.parser?.context { xmlStopParser(context) }
            }
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
