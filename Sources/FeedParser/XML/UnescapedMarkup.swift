/// Finds HTML that publishers write unescaped inside a feed's text elements
/// (`<title>Attack <b>reported</title>`) where XML cannot nest it: a start
/// tag never closed inside its text element, an end tag that closes nothing
/// there, tags crossing each other. libxml2 would nest the rest of the item,
/// or of the feed, inside such a tag; escaping just those tags keeps the
/// text element to its own end tag, as a loose HTML-minded reader does.
///
/// `EntityPrepass` hands it every start and end tag in document order. Text
/// elements are those whose content feeds use as text or HTML (`title`,
/// `description`, `summary`, `content`…, whatever the prefix), unless the
/// start tag declares XML content (Atom's `type="xhtml"`, 0.3's
/// `mode="xml"`): that markup is XML and left to libxml2. Markup that nests
/// properly is left alone too; only what would break the document is listed.
struct UnescapedMarkup {
    /// Offsets of the `<` of each tag to escape, in no particular order.
    private(set) var tagsToEscape: [Int] = []

    /// Names (byte ranges of the input) of the elements open outside any text element.
    private var open: [Range<Int>] = []
    /// The text element being read, when inside one.
    private var field: Range<Int>?
    /// Its content is XML (XHTML): only its end tag is looked for.
    private var fieldIsXML = false
    /// Elements opened inside the text element: their names and tags.
    private var inner: [(name: Range<Int>, tag: Int)] = []

    /// Local names of the text elements of RSS, Atom and their modules.
    private static let textElements: [[UInt8]] = [
        "title", "description", "summary", "subtitle", "tagline", "content", "encoded", "rights",
        "copyright",
    ].map { Array($0.utf8) }

    /// Reads the tag whose `<` is at `index`; `input[index + 1]` is a letter or `/`.
    mutating func readTag(at index: Int, in input: [UInt8]) {
        let isEndTag = input[index + 1] == UInt8(ascii: "/")
        let nameStart = isEndTag ? index + 2 : index + 1
        var cursor = nameStart
        while cursor < input.count, !Self.endsName(input[cursor]) { cursor += 1 }
        let name = nameStart..<cursor
        guard !name.isEmpty else { return }
        if isEndTag {
            readEndTag(name, at: index, in: input)
            return
        }
        guard let (end, closesItself) = Self.endOfStartTag(from: cursor, in: input) else { return }
        guard !closesItself else { return }
        if field != nil {
            if !fieldIsXML { inner.append((name, index)) }
            return
        }
        if isTextElement(name, in: input) {
            field = name
            fieldIsXML = Self.declaresXML(input[cursor..<end])
            inner.removeAll(keepingCapacity: true)
        } else {
            open.append(name)
        }
    }

    private mutating func readEndTag(_ name: Range<Int>, at index: Int, in input: [UInt8]) {
        func same(_ other: Range<Int>) -> Bool { input[other].elementsEqual(input[name]) }
        guard let field else {
            closeOuter(where: same)
            return
        }
        if fieldIsXML {
            if same(field) { self.field = nil }
            return
        }
        if let last = inner.last, same(last.name) {
            inner.removeLast()
        } else if let position = inner.lastIndex(where: { same($0.name) }) {
            // Closes an element opened earlier: those opened after it never closed.
            tagsToEscape += inner[(position + 1)...].map(\.tag)
            inner.removeSubrange(position...)
        } else if same(field) {
            tagsToEscape += inner.map(\.tag)
            inner.removeAll(keepingCapacity: true)
            self.field = nil
        } else if open.contains(where: same) {
            // The text element itself was left open: what it opened is
            // escaped, the rest is libxml2's to recover.
            tagsToEscape += inner.map(\.tag)
            inner.removeAll(keepingCapacity: true)
            self.field = nil
            closeOuter(where: same)
        } else {
            // An end tag that closes nothing.
            tagsToEscape.append(index)
        }
    }

    private mutating func closeOuter(where same: (Range<Int>) -> Bool) {
        if let position = open.lastIndex(where: same) { open.removeSubrange(position...) }
    }

    private func isTextElement(_ name: Range<Int>, in input: [UInt8]) -> Bool {
        var local = name
        if let colon = input[name].lastIndex(of: UInt8(ascii: ":")) {
            local = (colon + 1)..<name.upperBound
        }
        return Self.textElements.contains { input[local].elementsEqual($0) }
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    /// The offset of the `>` ending the start tag whose name ends at `start`,
    /// and whether the tag is `/>`; nil when it does not end (a `<` or the
    /// end of the document comes first).
    private static func endOfStartTag(from start: Int, in input: [UInt8]) -> (Int, Bool)? {
        var quote: UInt8?
        var cursor = start
        while cursor < input.count {
            let byte = input[cursor]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return (cursor, input[cursor - 1] == UInt8(ascii: "/"))
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            cursor += 1
        }
        return nil
    }

    /// Whether the attributes say the content is XML: `type="xhtml"` or a
    /// media type ending in `xml`, or Atom 0.3's `mode="xml"`.
    private static func declaresXML(_ attributes: ArraySlice<UInt8>) -> Bool {
        if let type = value(of: "type", in: attributes) {
            if type == "xhtml" || type.hasSuffix("xml") { return true }
        }
        return value(of: "mode", in: attributes) == "xml"
    }

    /// The lowercased value of the attribute `name` (without prefix) in the
    /// bytes between a start tag's name and its end.
    private static func value(of name: String, in attributes: ArraySlice<UInt8>) -> String? {
        let key = Array(name.utf8)
        var cursor = attributes.startIndex
        while cursor < attributes.endIndex {
            guard attributes[cursor...].starts(with: key),
                cursor == attributes.startIndex || attributes[cursor - 1] <= 0x20
            else {
                cursor += 1
                continue
            }
            var position = cursor + key.count
            while position < attributes.endIndex, attributes[position] <= 0x20 { position += 1 }
            guard position < attributes.endIndex, attributes[position] == UInt8(ascii: "=") else {
                cursor += 1
                continue
            }
            position += 1
            while position < attributes.endIndex, attributes[position] <= 0x20 { position += 1 }
            guard position < attributes.endIndex else { return nil }
            let quote = attributes[position]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            let value = attributes[(position + 1)...].prefix { $0 != quote }
            return String(decoding: value, as: UTF8.self).lowercased()
        }
        return nil
    }
}
