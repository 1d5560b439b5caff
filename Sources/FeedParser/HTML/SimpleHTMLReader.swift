/// Reduces the HTML that feeds carry most (text, character and entity
/// references, and well-nested tags of the elements in `HTMLElementTable`)
/// to the same text libxml2's HTML parser gives (`HTMLSAXReader`), without
/// libxml2: reducing summaries was a third of parse time.
///
/// It takes the steps libxml2 2.9 takes wherever they change the text: the
/// `html` and `body` implied by the first start tag, or by text before any
/// (which also opens a paragraph around it), start tags that close open
/// elements, empty elements, stray end tags ignored, the first `alt` of an
/// image. Whatever else it meets (a comment, a script, an element or
/// entity it does not list, a tag it cannot finish, an end tag that would
/// close more than one element, a character libxml2 drops) makes it give
/// up with nil, and the caller asks libxml2. The differential tests hold
/// the two readers to the same output byte for byte.
struct SimpleHTMLReader {
    /// The fragment's UTF-8, valid while `text(of:)` runs.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var folder: TextFolder
    /// Indices into `HTMLElementTable.shared.elements`, innermost last:
    /// the same stack as libxml2's, since only listed elements get on it.
    private var openElements: [Int] = []
    /// libxml2 has implied `html` and `body` (at the first start tag or
    /// text): from then on, text outside any element is in the body.
    private var isInBody = false
    private let table: HTMLElementTable
    private let entities: HTMLEntityTable

    /// libxml2 hands text over in runs of at most this many bytes, and
    /// judges whether each is blank on its own (see `readText`).
    private static let textChunkSize = 1000

    private init(_ bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool) {
        self.bytes = bytes
        folder = TextFolder(reservingCapacity: bytes.count, singleLine: singleLine)
        table = HTMLElementTable.shared
        entities = HTMLEntityTable.shared
    }

    /// The plain text of `html`, or nil when it holds anything not read here;
    /// on one line when `singleLine` is set.
    static func text(of html: String, singleLine: Bool = false) -> String? {
        var html = html
        // The string's own bytes, read in place.
        return html.withUTF8 { bytes in
            var reader = SimpleHTMLReader(bytes, singleLine: singleLine)
            guard reader.readAll() else { return nil }
            return reader.folder.result()
        }
    }

    private mutating func readAll() -> Bool {
        guard !table.elements.isEmpty else { return false }
        // libxml2 skips a leading byte order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return false }
        while index < bytes.count {
            let read: Bool
            switch bytes[index] {
            case UInt8(ascii: "<"): read = readTag()
            case UInt8(ascii: "&"): read = readReference()
            default: read = readText()
            }
            guard read else { return false }
        }
        // libxml2 closes what is still open here, which adds no text.
        return true
    }

    // MARK: - Text

    private mutating func readText() -> Bool {
        let start = index
        var cursor = index
        let count = bytes.count
        // Most runs are words with single spaces between them, already
        // folded: noticed here, they are copied whole instead of being
        // looked at byte by byte again.
        var isFolded = true
        var followsSpace = false
        while cursor < count {
            let byte = bytes[cursor]
            if byte > 0x20 {
                if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { break }
                if byte == 0xEF {
                    // U+FFFE and U+FFFF are not XML characters: libxml2 drops them.
                    if cursor + 2 < count, bytes[cursor + 1] == 0xBF, bytes[cursor + 2] >= 0xBE {
                        return false
                    }
                } else if byte == 0xC2 {
                    // A no-break space, perhaps: for the folder.
                    isFolded = false
                }
                followsSpace = false
            } else if byte == 0x20 {
                if followsSpace { isFolded = false }
                followsSpace = true
            } else if HTMLByte.isBlank(byte) {
                isFolded = false
            } else {
                // Control characters, which libxml2 drops.
                return false
            }
            cursor += 1
        }
        if openElements.isEmpty, !isInBody {
            if !UnsafeBufferPointer(rebasing: bytes[start..<cursor]).allSatisfy(HTMLByte.isBlank) {
                openParagraph()
            } else if cursor - start >= Self.textChunkSize {
                // A blank chunk that is not the last of its run counts as
                // text to libxml2 and opens a paragraph: not followed here.
                return false
            }
        }
        let run = UnsafeBufferPointer(rebasing: bytes[start..<cursor])
        if isFolded {
            folder.appendFolded(run)
        } else {
            folder.append(run)
        }
        index = cursor
        return true
    }

    /// Text before any element: libxml2 implies `html` and `body` and puts
    /// it in a paragraph of its own. (Text outside any element later on is
    /// in the body, and no paragraph is opened for it.)
    private mutating func openParagraph() {
        guard openElements.isEmpty, !isInBody else { return }
        isInBody = true
        openElements.append(table.paragraph)
        folder.start(table.elements[table.paragraph].role)
    }

    // MARK: - References

    private mutating func readReference() -> Bool {
        guard index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "#") { return readCharacterReference() }
        // A name may start with a non-ASCII letter, which libxml2 reads another way.
        if next >= 0x80 { return false }
        guard HTMLByte.startsEntityName(next) else {
            // `AT & T`: an ampersand that starts no name stays as it is.
            openParagraph()
            folder.appendScalar("&")
            index += 1
            return true
        }
        var cursor = index + 1
        var key = HTMLEntityTable.NameKey()
        while cursor < bytes.count, HTMLByte.continuesEntityName(bytes[cursor]) {
            key.add(bytes[cursor])
            cursor += 1
        }
        guard cursor < bytes.count, bytes[cursor] != 0, bytes[cursor] < 0x80 else { return false }
        openParagraph()
        if bytes[cursor] == UInt8(ascii: ";") {
            switch entities.answer(for: key, name: bytes[(index + 1)..<cursor]) {
            case .character(let scalar)?:
                folder.appendScalar(scalar)
                index = cursor + 1
                return true
            case .unknown?:
                // `&bogus;` stays as it is, the `;` read as text after it.
                break
            case nil:
                return false
            }
        }
        // `&copy 2024`, `?a=1&b=2`: without `;` libxml2 keeps the reference as text.
        folder.append(UnsafeBufferPointer(rebasing: bytes[index..<cursor]))
        index = cursor
        return true
    }

    private mutating func readCharacterReference() -> Bool {
        var cursor = index + 2
        let isHexadecimal = cursor < bytes.count && bytes[cursor] | 0x20 == UInt8(ascii: "x")
        if isHexadecimal { cursor += 1 }
        var value: UInt32 = 0
        var digits = 0
        while cursor < bytes.count, digits <= 7,
            let digit = HTMLByte.digitValue(bytes[cursor], hexadecimal: isHexadecimal)
        {
            value = value * (isHexadecimal ? 16 : 10) + digit
            digits += 1
            cursor += 1
        }
        // Past these lengths no value is a character; libxml2's arithmetic is not followed there.
        guard digits > 0, digits <= (isHexadecimal ? 6 : 7), cursor < bytes.count,
            bytes[cursor] == UInt8(ascii: ";"), HTMLByte.isXMLCharacter(value),
            let scalar = Unicode.Scalar(value)
        else { return false }
        openParagraph()
        folder.appendScalar(scalar)
        index = cursor + 1
        return true
    }

    // MARK: - Tags

    private mutating func readTag() -> Bool {
        guard index + 1 < bytes.count else { return false }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "/") { return readEndTag() }
        if HTMLByte.isLetter(next) { return readStartTag() }
        if next == UInt8(ascii: "!") { return readComment() }
        return false
    }

    /// A comment is dropped. One before any element or text is part of
    /// libxml2's prolog, after which it skips blanks.
    private mutating func readComment() -> Bool {
        guard let end = HTMLTagScanner.endOfComment(in: bytes, at: index) else { return false }
        index = end
        if openElements.isEmpty, !isInBody { index = skipBlanks(from: index) }
        return true
    }

    private mutating func readStartTag() -> Bool {
        var cursor = index + 1
        var key = HTMLElementTable.NameKey()
        while cursor < bytes.count, HTMLByte.continuesTagName(bytes[cursor]) {
            key.add(bytes[cursor])
            cursor += 1
        }
        guard let element = table.element(forKey: key) else { return false }
        // libxml2 implies `html` and `body` before the first start tag.
        let isInBodyBeforeTag = isInBody
        isInBody = true
        while let open = openElements.last, table.startTag(of: element, closes: open) {
            folder.end(table.elements[open].role)
            openElements.removeLast()
        }
        guard let attributes = HTMLTagScanner.attributes(in: bytes, from: cursor) else {
            return false
        }
        let description = table.elements[element]
        // Before the body, libxml2 implies a `head` for `script` and `style`.
        guard !description.isRawText || isInBodyBeforeTag else { return false }
        openElements.append(element)
        folder.start(description.role)
        if element == table.image, let alternative = attributes.alternativeText {
            // libxml2 decodes references in attribute values its own way.
            guard !bytes[alternative].contains(UInt8(ascii: "&")) else { return false }
            // An image stands for its alt text, as `HTMLSAXReader` has it.
            folder.appendScalar(" ")
            folder.append(UnsafeBufferPointer(rebasing: bytes[alternative]))
            folder.appendScalar(" ")
        }
        if attributes.closesItself || description.hasNoContent {
            folder.end(description.role)
            openElements.removeLast()
        } else if description.isRawText {
            // `script`, `style`: libxml2 takes what follows as raw text up to
            // the end tag, which is read as any other; the text is dropped.
            guard
                let end = HTMLTagScanner.endOfRawText(
                    in: bytes, from: attributes.end, name: description.name)
            else { return false }
            index = end
            return true
        }
        index = attributes.end
        return true
    }

    private mutating func readEndTag() -> Bool {
        var cursor = index + 2
        guard cursor < bytes.count, HTMLByte.startsAttributeName(bytes[cursor]) else {
            return false
        }
        var key = HTMLElementTable.NameKey()
        while cursor < bytes.count, HTMLByte.continuesTagName(bytes[cursor]) {
            key.add(bytes[cursor])
            cursor += 1
        }
        cursor = skipBlanks(from: cursor)
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ">") else { return false }
        // `</body>`, `</html>`: libxml2 closes the implied elements, and
        // text after them gets paragraphs again.
        guard !table.isDocumentElement(key) else { return false }
        index = cursor + 1
        // An end tag for no open element: libxml2 ignores it. Unlisted
        // elements are never open, since their start tags end this reading.
        guard let element = table.element(forKey: key),
            let position = openElements.lastIndex(of: element)
        else { return true }
        // Closing the elements opened inside it too follows priorities not read here.
        guard position == openElements.count - 1 else { return false }
        folder.end(table.elements[element].role)
        openElements.removeLast()
        return true
    }

    private func skipBlanks(from start: Int) -> Int {
        HTMLTagScanner.skipBlanks(in: bytes, from: start)
    }
}
