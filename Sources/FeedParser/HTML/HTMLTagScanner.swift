/// Reads the parts of HTML markup `SimpleHTMLReader` steps over as libxml2
/// 2.9's HTML parser reads them: a start tag's attributes, a comment, the
/// raw text of `script` and `style`. Each answers nil for anything libxml2
/// might read otherwise, and the caller leaves the fragment to libxml2.
enum HTMLTagScanner {
    struct Attributes {
        /// The value of the first `alt` attribute, when it has one.
        var alternativeText: Range<Int>?
        /// The tag ended with `/>`.
        var closesItself = false
        /// Just past the tag.
        var end = 0
    }

    /// The attributes from `start` to the end of the start tag; nil for
    /// anything libxml2 would take as an error.
    static func attributes(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Attributes? {
        var attributes = Attributes()
        var sawAlternativeText = false
        var cursor = skipBlanks(in: bytes, from: start)
        while true {
            guard cursor < bytes.count else { return nil }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ">") {
                attributes.end = cursor + 1
                return attributes
            }
            if byte == UInt8(ascii: "/"), cursor + 1 < bytes.count,
                bytes[cursor + 1] == UInt8(ascii: ">")
            {
                attributes.closesItself = true
                attributes.end = cursor + 2
                return attributes
            }
            guard HTMLByte.startsAttributeName(byte) else { return nil }
            let nameStart = cursor
            while cursor < bytes.count, HTMLByte.continuesTagName(bytes[cursor]) { cursor += 1 }
            let isAlternativeText = isAlt(nameStart..<cursor, in: bytes)
            cursor = skipBlanks(in: bytes, from: cursor)
            var value: Range<Int>?
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                cursor = skipBlanks(in: bytes, from: cursor + 1)
                guard let (range, end) = attributeValue(in: bytes, from: cursor) else {
                    return nil
                }
                value = range
                cursor = end
            }
            // A repeated attribute is dropped, so the first `alt` is the one.
            if isAlternativeText, !sawAlternativeText {
                sawAlternativeText = true
                attributes.alternativeText = value
            }
            cursor = skipBlanks(in: bytes, from: cursor)
        }
    }

    /// A quoted value runs to its closing quote, an unquoted one to a blank
    /// or `>` (a `/` included: `alt=x/>` is `x/`).
    private static func attributeValue(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (
        value: Range<Int>, end: Int
    )? {
        guard start < bytes.count else { return nil }
        let quote = bytes[start]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var cursor = start + 1
            while cursor < bytes.count, bytes[cursor] != quote {
                guard bytes[cursor] >= 0x20 || HTMLByte.isBlank(bytes[cursor]) else { return nil }
                cursor += 1
            }
            guard cursor < bytes.count else { return nil }
            return ((start + 1)..<cursor, cursor + 1)
        }
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">"),
            !HTMLByte.isBlank(bytes[cursor])
        {
            guard bytes[cursor] >= 0x20 else { return nil }
            cursor += 1
        }
        return (start..<cursor, cursor)
    }

    private static func isAlt(_ name: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count == 3 && bytes[name.lowerBound] | 0x20 == UInt8(ascii: "a")
            && bytes[name.lowerBound + 1] | 0x20 == UInt8(ascii: "l")
            && bytes[name.lowerBound + 2] | 0x20 == UInt8(ascii: "t")
    }

    /// Just past the comment whose `<` is at `start`: the first `-->` after
    /// `<!--`. Only plain comments are taken (no `--` inside, not opening
    /// with `>` or `->`, no control character): libxml2 has rules of its
    /// own for the others.
    static func endOfComment(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard start + 4 <= bytes.count, bytes[start + 2] == UInt8(ascii: "-"),
            bytes[start + 3] == UInt8(ascii: "-")
        else { return nil }
        var cursor = start + 4
        guard cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">"),
            bytes[cursor] != UInt8(ascii: "-")
        else { return nil }
        while cursor + 1 < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "-"), bytes[cursor + 1] == UInt8(ascii: "-") {
                let closes = cursor + 2 < bytes.count && bytes[cursor + 2] == UInt8(ascii: ">")
                return closes ? cursor + 3 : nil
            }
            guard byte >= 0x20 || HTMLByte.isBlank(byte), byte != 0xEF else { return nil }
            cursor += 1
        }
        return nil
    }

    /// Where the end tag of a raw-text element (`script`, `style`) named
    /// `name` starts, looking from `start`: `</name` in any case, followed by
    /// a blank or `>`, as libxml2 in recovery mode looks for it. Raw text
    /// that opens with another tag is not taken: libxml2 reads that tag
    /// first, and some start tags close the element.
    static func endOfRawText(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, name: String)
        -> Int?
    {
        let name = Array(name.utf8)
        var cursor = start
        guard cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "<") {
            // Only the element's own end tag, at once (`<script src=…></script>`).
            return isEndTag(of: name, in: bytes, at: cursor) == true ? cursor : nil
        }
        while cursor + name.count + 2 < bytes.count {
            if bytes[cursor] == UInt8(ascii: "<"),
                let isEnd = isEndTag(of: name, in: bytes, at: cursor)
            {
                return isEnd ? cursor : nil
            }
            cursor += 1
        }
        return nil
    }

    /// At `</name` (any case): true when a blank or `>` follows, false when
    /// another character does (libxml2 stops there all the same); nil when
    /// this is not `</name`.
    private static func isEndTag(
        of name: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at cursor: Int
    ) -> Bool? {
        guard cursor + name.count + 2 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "/")
        else { return nil }
        for (offset, letter) in name.enumerated() where bytes[cursor + 2 + offset] | 0x20 != letter
        {
            return nil
        }
        let after = bytes[cursor + 2 + name.count]
        return after == UInt8(ascii: ">") || HTMLByte.isBlank(after)
    }

    static func skipBlanks(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var cursor = start
        while cursor < bytes.count, HTMLByte.isBlank(bytes[cursor]) { cursor += 1 }
        return cursor
    }
}
