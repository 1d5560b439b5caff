/// A byte pass over the UTF-8 document before libxml2 sees it, repairing
/// what would otherwise make libxml2 2.9.14 lose text:
///
/// - a bare `&` (`AT&T`, `?a=1&b=2`) becomes `&#38;`, and a `<` that
///   cannot start a tag (`5 < 6`) `&#60;`;
/// - named references become numeric ones (`&amp;` → `&#38;`,
///   `&mdash;` → `&#8212;`): once a document is marked ill-formed, 2.9.14
///   silently drops every later *named* reference, but never a numeric one;
/// - an undeclared name that is not HTML either (`&bogus;`) stays as text;
/// - C0 control characters, which XML forbids, become spaces, and C1 ones
///   (`&#146;`, U+0092) the windows-1252 punctuation they stand for;
/// - HTML written unescaped in a text element where XML cannot nest it
///   (`<title>Attack <b>reported</title>`, see `UnescapedMarkup`) has the
///   `<` of those tags escaped, so the element is read as escaped HTML.
///
/// Comments, CDATA sections, processing instructions and the DOCTYPE are
/// copied untouched. When the document declares entities of its own
/// (an internal subset), unknown names are left for libxml2 to resolve.
///
/// Every repair but the rewriting of well-formed references is counted in
/// `PrepassRepairs`, for the feed's warnings.
struct EntityPrepass {
    /// The document libxml2 should read, and what was repaired to make it.
    struct Repaired {
        var document: [UInt8]
        var repairs: PrepassRepairs
    }

    private let input: [UInt8]
    private let rewritesPredefined: Bool
    private var output: [UInt8] = []
    private var copiedUpTo = 0
    private var hasInternalSubset = false
    private var repairs = PrepassRepairs()
    /// Tags read in the first pass, to find unescaped markup.
    private var markup = UnescapedMarkup()
    /// In a second pass, the offsets of the tags to escape, ascending.
    private let tagsToEscape: [Int]?
    private var nextTagToEscape = 0

    /// The repaired document (the input itself when nothing needed repair).
    /// - Parameter rewritesPredefined: also rewrite `&amp;`, `&lt;`… as
    ///   numeric references. Only needed for documents libxml2 will find
    ///   ill-formed, so the parser first tries without (it is most of this
    ///   pass's work on escaped HTML) and repeats with it when an error shows.
    static func repair(_ bytes: [UInt8], rewritesPredefined: Bool = true) -> Repaired {
        var pass = EntityPrepass(
            input: bytes, rewritesPredefined: rewritesPredefined, tagsToEscape: nil)
        let document = pass.run()
        guard !pass.markup.tagsToEscape.isEmpty else {
            return Repaired(document: document, repairs: pass.repairs)
        }
        // Which tags to escape is known only once their text element ends:
        // rare enough to take a second pass, with them in hand.
        var again = EntityPrepass(
            input: bytes, rewritesPredefined: rewritesPredefined,
            tagsToEscape: pass.markup.tagsToEscape.sorted())
        return Repaired(document: again.run(), repairs: again.repairs)
    }

    private init(input: [UInt8], rewritesPredefined: Bool, tagsToEscape: [Int]?) {
        self.input = input
        self.rewritesPredefined = rewritesPredefined
        self.tagsToEscape = tagsToEscape
    }

    private mutating func run() -> [UInt8] {
        let input = self.input
        let count = input.count
        var index = 0
        while index < count {
            // Ordinary bytes, the vast majority, cost a few comparisons that
            // are nearly always false, so the branch is predicted right.
            guard let next = input[index...].firstIndex(where: { !Self.isOrdinary($0) }) else {
                break
            }
            index = next
            let byte = input[index]
            if byte == UInt8(ascii: "<") {
                index = skipMarkupDeclaration(at: index)
            } else if byte == UInt8(ascii: "&") {
                index = repairReference(at: index)
            } else if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                repairs.record(.controlCharacter, at: index)
                replace(index..<(index + 1), with: " ")
                index += 1
            } else if byte == 0xC2, index + 1 < count, (0x80...0x9F).contains(input[index + 1]) {
                // A C1 control is windows-1252 punctuation decoded as Latin-1
                // somewhere upstream; put back the character meant.
                let scalar = WindowsLatin1.scalar(input[index + 1])
                repairs.record(.c1Control, at: index)
                replace(index..<(index + 2), with: String(Character(Unicode.Scalar(scalar) ?? " ")))
                index += 2
            } else {
                index += 1
            }
        }
        guard copiedUpTo > 0 else { return input }
        output.append(contentsOf: input[copiedUpTo...])
        return output
    }

    private mutating func replace(_ range: Range<Int>, with text: String) {
        if output.isEmpty { output.reserveCapacity(input.count + 256) }
        output.append(contentsOf: input[copiedUpTo..<range.lowerBound])
        output.append(contentsOf: text.utf8)
        copiedUpTo = range.upperBound
    }

    /// Past a comment, CDATA section, processing instruction or DOCTYPE
    /// starting at `index`; just past the `<` for anything else.
    private mutating func skipMarkupDeclaration(at index: Int) -> Int {
        // Most `<` open or close an element.
        if index + 1 < input.count, Self.startsName(input[index + 1]) {
            readTag(at: index)
            return index + 1
        }
        if matches("<!--", at: index) { return end(of: "-->", from: index + 4) }
        if matches("<![CDATA[", at: index) { return end(of: "]]>", from: index + 9) }
        if matches("<?", at: index) { return end(of: "?>", from: index + 2) }
        if matches("<!DOCTYPE", at: index) { return endOfDoctype(from: index + 9) }
        // `<![CD` and nothing after: a truncated document cut inside the
        // markup that opens a section, which is not text.
        if isCutShortOpener(at: index) {
            replace(index..<input.count, with: "")
            return input.count
        }
        // `5 < 6`: a `<` that cannot start a tag is text; libxml2 would
        // give up on the rest of the document.
        if index + 1 < input.count, !Self.canStartTag(input[index + 1]) {
            repairs.record(.lessThan, at: index)
            replace(index..<(index + 1), with: "&#60;")
        }
        return index + 1
    }

    /// The first pass reads the tag; the second escapes it when the first said so.
    private mutating func readTag(at index: Int) {
        guard let tagsToEscape else {
            markup.readTag(at: index, in: input)
            return
        }
        guard nextTagToEscape < tagsToEscape.count, tagsToEscape[nextTagToEscape] == index else {
            return
        }
        nextTagToEscape += 1
        var end = index + 1
        while end < input.count, input[end] > 0x20, input[end] != UInt8(ascii: ">") { end += 1 }
        repairs.record(.unescapedMarkup, at: index, example: text(index..<end) + ">")
        replace(index..<(index + 1), with: "&#60;")
    }

    /// Whether the document ends, at `index`, partway through `<![CDATA[`,
    /// `<!--` or `<!DOCTYPE` (and perhaps a line break).
    private func isCutShortOpener(at index: Int) -> Bool {
        var rest = input[index...]
        while let last = rest.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 {
            rest = rest.dropLast()
        }
        return ["<![CDATA[", "<!--", "<!DOCTYPE"].contains { opener in
            rest.count < opener.utf8.count && opener.utf8.starts(with: rest)
        }
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard index + length <= input.count else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<length where input[index + offset] != pointer[offset] { return false }
        return true
    }

    private func end(of terminator: StaticString, from start: Int) -> Int {
        var index = start
        let first = terminator.utf8Start[0]
        while index < input.count {
            if input[index] == first, matches(terminator, at: index) {
                return index + terminator.utf8CodeUnitCount
            }
            index += 1
        }
        return input.count
    }

    private mutating func endOfDoctype(from start: Int) -> Int {
        var index = start
        var quote: UInt8?
        var inSubset = false
        while index < input.count {
            let byte = input[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
                hasInternalSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: "<"), inSubset, matches("<!--", at: index) {
                index = end(of: "-->", from: index + 4)
                continue
            } else if byte == UInt8(ascii: ">"), !inSubset {
                return index + 1
            }
            index += 1
        }
        return input.count
    }

    /// Handles the `&` at `index`; returns where scanning goes on.
    private mutating func repairReference(at index: Int) -> Int {
        var cursor = index + 1
        if cursor < input.count, input[cursor] == UInt8(ascii: "#") {
            cursor += 1
            var value: UInt32 = 0
            var digits = 0
            let isHex = cursor < input.count && (input[cursor] | 0x20) == UInt8(ascii: "x")
            if isHex { cursor += 1 }
            while cursor < input.count, digits < 9,
                let digit = Self.digitValue(input[cursor], hex: isHex)
            {
                value = value * (isHex ? 16 : 10) + digit
                digits += 1
                cursor += 1
            }
            if digits > 0, cursor < input.count, input[cursor] == UInt8(ascii: ";") {
                if (0x80...0x9F).contains(value) {
                    // C1 controls are windows-1252 punctuation misread as Latin-1.
                    repairs.record(.c1Control, at: index)
                    replace(index..<(cursor + 1), with: "&#\(WindowsLatin1.scalar(UInt8(value)));")
                    return cursor + 1
                }
                if Self.isXMLCharacter(value) {
                    // XML allows only a lowercase x in hexadecimal references.
                    if isHex, input[index + 2] == UInt8(ascii: "X") {
                        repairs.record(
                            .upperCaseHexReference, at: index, example: text(index..<(cursor + 1)))
                        replace(index..<(cursor + 1), with: "&#\(value);")
                    }
                    return cursor + 1
                }
                repairs.record(
                    .invalidCharacterReference, at: index, example: text(index..<(cursor + 1)))
            } else {
                repairs.record(.bareAmpersand, at: index)
            }
            replace(index..<(index + 1), with: "&#38;")
            return index + 1
        }
        while cursor < input.count, cursor - index <= 32,
            Self.isNameByte(input[cursor], first: cursor == index + 1)
        {
            cursor += 1
        }
        guard cursor > index + 1, cursor < input.count, input[cursor] == UInt8(ascii: ";") else {
            repairs.record(.bareAmpersand, at: index)
            replace(index..<(index + 1), with: "&#38;")
            return index + 1
        }
        let name = (index + 1)..<cursor
        let reference = index..<(cursor + 1)
        // Escaped HTML is mostly `&lt;`, `&gt;`, `&amp;`: read as bytes, no string made.
        if let numeric = predefinedReference(name) {
            if rewritesPredefined { replace(reference, with: numeric) }
            return cursor + 1
        }
        if hasInternalSubset {
            // The document may declare it; libxml2 resolves it (and the
            // getEntity callback still knows the HTML names).
            return cursor + 1
        }
        if let scalar = htmlEntityScalar(name) {
            repairs.record(.htmlEntity, at: index, example: "&\(text(name));")
            replace(reference, with: "&#\(scalar.value);")
        } else {
            repairs.record(.unknownEntity, at: index, example: "&\(text(name));")
            replace(index..<(index + 1), with: "&#38;")
        }
        return cursor + 1
    }

    /// The bytes of `range` as text, for a warning's example.
    private func text(_ range: Range<Int>) -> String {
        String(decoding: input[range], as: UTF8.self)
    }

    /// The numeric reference for one of the names XML itself defines.
    private func predefinedReference(_ name: Range<Int>) -> String? {
        func spells(_ word: StaticString) -> Bool { matches(word, at: name.lowerBound) }
        switch name.count {
        case 2 where input[name.lowerBound + 1] == UInt8(ascii: "t"):
            if spells("lt") { return "&#60;" }
            if spells("gt") { return "&#62;" }
        case 3 where spells("amp"): return "&#38;"
        case 4 where spells("quot"): return "&#34;"
        case 4 where spells("apos"): return "&#39;"
        default: break
        }
        return nil
    }

    private func htmlEntityScalar(_ name: Range<Int>) -> Unicode.Scalar? {
        var key = HTMLEntityTable.NameKey()
        for byte in input[name] { key.add(byte) }
        switch HTMLEntityTable.shared.answer(for: key, name: input[name]) {
        case .character(let scalar)?: return scalar
        case .unknown?: return nil
        case nil:
            return LibXML2Functions.htmlEntityScalar(
                named: String(decoding: input[name], as: UTF8.self))
        }
    }

    /// Neither markup, a reference, a control character (tabs and line
    /// breaks included: they are let through, after a look), nor the lead
    /// byte of a C1 control.
    private static func isOrdinary(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "<") && byte != UInt8(ascii: "&") && byte != 0xC2
    }

    private static func startsName(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            || byte == UInt8(ascii: "/")
    }

    private static func canStartTag(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "_"),
            UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "!"), UInt8(ascii: "?"), 0x80...0xFF:
            true
        default: false
        }
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    private static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "_"),
            UInt8(ascii: ":"):
            true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"): !first
        default: false
        }
    }
}
