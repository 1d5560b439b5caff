/// Accumulates text from HTML events: whitespace runs become one space,
/// block boundaries one line break, and skipped elements contribute nothing.
///
/// Both readers of HTML feed it (`HTMLSAXReader` through libxml2,
/// `SimpleHTMLReader` on its own), so the rules for the output live here
/// once and the two cannot drift apart.
struct TextFolder {
    /// What an element does to the text around it.
    enum Role {
        /// Text flows through it (`b`, `a`, `span`, anything unknown).
        case inline
        /// It starts and ends on a line of its own (`p`, `div`, `li`, `br`).
        case block
        /// A table cell: set apart from its neighbours by a space.
        case cell
        /// Its content is not text a person reads (`script`, `style`).
        case skipped
    }

    /// Elements that stand on lines of their own: HTML's block-level and
    /// sectioning elements, list and table structure, and `br`. Every other
    /// element, known or not, is inline: it never separates words.
    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary",
        "table", "tbody", "tfoot", "thead", "tr", "ul",
    ]
    private static let cellElements: Set<String> = ["td", "th"]
    private static let skippedElements: Set<String> = [
        "script", "style", "head", "template", "noscript", "iframe", "object", "svg", "math",
    ]

    private var output: [UInt8] = []
    /// Block boundaries become spaces, not line breaks: for titles, which
    /// are one line however their markup is written.
    private var isSingleLine = false
    private var pendingSpace = false
    private var pendingBreak = false
    private var pendingLeadByte = false
    private var skipDepth = 0

    init(singleLine: Bool = false) {
        isSingleLine = singleLine
    }

    /// A folder whose output will not need to grow for text of `capacity`
    /// bytes: the text is never longer than the HTML it came from.
    init(reservingCapacity capacity: Int, singleLine: Bool = false) {
        output.reserveCapacity(capacity)
        isSingleLine = singleLine
    }

    static func fold(_ text: String) -> String {
        if isFolded(text) { return text }
        var folder = TextFolder()
        folder.append(text.utf8)
        return folder.result()
    }

    /// `fold(text)` when `text` holds no `<` or `&`, nil when it does: one
    /// look at each byte decides both, for titles, which seldom hold markup.
    static func foldUnlessMarkup(_ text: String) -> String? {
        var previousWasSpace = true
        var isFolded = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { return nil }
            // The same test as `isFolded`, carried on to the end for `<` and `&`.
            if byte <= 0x20 || byte == 0xC2 {
                if byte != 0x20 || previousWasSpace { isFolded = false }
                previousWasSpace = true
            } else {
                previousWasSpace = false
            }
        }
        if isFolded, !previousWasSpace || text.isEmpty { return text }
        var folder = TextFolder()
        folder.append(text.utf8)
        return folder.result()
    }

    /// Already folded: no leading, trailing or doubled whitespace, no
    /// whitespace but plain spaces, no no-break space. Most titles are.
    private static func isFolded(_ text: String) -> Bool {
        var previousWasSpace = true
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0xC2 {
                if byte != 0x20 || previousWasSpace { return false }
                previousWasSpace = true
            } else {
                previousWasSpace = false
            }
        }
        return !previousWasSpace || text.isEmpty
    }

    /// The role of an element by its lowercase name.
    static func role(of name: String) -> Role {
        if skippedElements.contains(name) { return .skipped }
        if blockElements.contains(name) { return .block }
        if cellElements.contains(name) { return .cell }
        return .inline
    }

    mutating func start(_ name: String) {
        start(Self.role(of: name))
    }

    mutating func end(_ name: String) {
        end(Self.role(of: name))
    }

    mutating func start(_ role: Role) {
        if role == .skipped { skipDepth += 1 }
        boundary(role)
    }

    mutating func end(_ role: Role) {
        if role == .skipped, skipDepth > 0 { skipDepth -= 1 }
        boundary(role)
    }

    private mutating func boundary(_ role: Role) {
        switch role {
        case .block:
            if isSingleLine { pendingSpace = true } else { pendingBreak = true }
        case .cell: pendingSpace = true
        case .inline, .skipped: break
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
            if Self.isOrdinary(byte) {
                // A run of ordinary bytes goes in at once, single spaces
                // between them included: they are already folded.
                var end = bytes.index(after: index)
                while true {
                    end = bytes[end...].firstIndex { !Self.isOrdinary($0) } ?? bytes.endIndex
                    guard end != bytes.endIndex, bytes[end] == 0x20 else { break }
                    let next = bytes.index(after: end)
                    guard next != bytes.endIndex, Self.isOrdinary(bytes[next]) else { break }
                    end = next
                }
                separate()
                output.appendRun(bytes[index..<end])
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

    /// What `append` does with the UTF-8 of `scalar` (a decoded reference),
    /// without going through it byte by byte.
    mutating func appendScalar(_ scalar: Unicode.Scalar) {
        guard !pendingLeadByte else { return append(scalar.utf8) }
        guard skipDepth == 0 else { return }
        let value = scalar.value
        // Whitespace, control characters and the no-break space fold to a space.
        guard value > 0x20, value != 0xA0 else {
            pendingSpace = true
            return
        }
        separate()
        if value < 0x80 {
            output.append(UInt8(truncatingIfNeeded: value))
        } else if value < 0x800 {
            output.append(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else if value < 0x1_0000 {
            output.append(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        } else {
            output.append(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
            output.append(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
        }
    }

    /// What `append` does with `run`, for a run already folded: bytes above
    /// 0x20 other than 0xC2, with single spaces between them. It is copied
    /// whole, its bytes not looked at again.
    mutating func appendFolded(_ run: UnsafeBufferPointer<UInt8>) {
        guard !pendingLeadByte else { return append(run) }
        guard skipDepth == 0 else { return }
        var words = run[...]
        if words.first == 0x20 {
            pendingSpace = true
            words = words.dropFirst()
        }
        let endsWithSpace = words.last == 0x20
        if endsWithSpace { words = words.dropLast() }
        if !words.isEmpty {
            separate()
            output.appendRun(words)
        }
        if endsWithSpace { pendingSpace = true }
    }

    /// Neither whitespace, a control character, nor the lead byte of a
    /// no-break space (U+00A0 is C2 A0).
    private static func isOrdinary(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0xC2
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
