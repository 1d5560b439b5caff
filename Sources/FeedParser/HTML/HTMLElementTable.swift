/// The elements `SimpleHTMLReader` reads without libxml2, with what
/// libxml2's HTML parser does at each of them.
///
/// Listed are the elements whose content libxml2 parses as ordinary HTML,
/// and `script` and `style`, whose content is raw text (`isRawText`); not
/// `html`, `head`, `body` or `meta`, which have rules of their own. Which elements are
/// empty and which start tags close which open elements are not written
/// down here but asked of libxml2 once, so the two readers cannot disagree
/// on them.
final class HTMLElementTable: Sendable {
    struct Element: Sendable {
        let name: String
        let role: TextFolder.Role
        /// Closed as soon as its start tag is read (`br`, `img`): HTML's empty elements.
        let hasNoContent: Bool
        /// Its content runs as raw text to its end tag (`script`, `style`).
        let isRawText: Bool
    }

    /// The elements of inline and block markup that feeds carry, HTML 5's
    /// sectioning elements included (libxml2 2.9 knows them as unknown
    /// elements, with no rules of their own).
    private static let names = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn", "em",
        "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike",
        "strong", "sub", "sup", "time", "tt", "u", "var",
        "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol",
        "p",
        "pre", "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
        "ul", "script", "style", "iframe", "noscript", "object", "svg", "video", "audio",
        "picture", "source",
    ]

    static let shared = build()

    let elements: [Element]
    /// The element `p`, which libxml2 opens itself around text outside any element.
    let paragraph: Int
    /// The element `img`, which stands for its alt text.
    let image: Int
    private let indexByKey: PackedNameTable
    /// The keys of `html`, `head` and `body`, whose end tags close what
    /// libxml2 implies around a fragment.
    private let documentElementKeys = ["html", "head", "body"].map { NameKey($0).value ?? 0 }
    /// `closesTable[new * count + open]`: the start tag of `new` closes an open `open`.
    private let closesTable: [Bool]

    private static func build() -> HTMLElementTable {
        guard let closesTable = LibXML2Functions.htmlStartTagClosings(among: names) else {
            // libxml2 could not be asked: list nothing, leave every tag to it.
            return HTMLElementTable(
                elements: [], paragraph: 0, image: 0, indexByKey: PackedNameTable([]),
                closesTable: [])
        }
        let indexByKey = PackedNameTable(
            names.enumerated().compactMap { index, name in
                NameKey(name).value.map { ($0, index) }
            })
        let elements = names.map {
            Element(
                name: $0, role: TextFolder.role(of: $0),
                hasNoContent: LibXML2Functions.htmlElementIsEmpty($0),
                isRawText: $0 == "script" || $0 == "style")
        }
        return HTMLElementTable(
            elements: elements, paragraph: names.firstIndex(of: "p") ?? 0,
            image: names.firstIndex(of: "img") ?? 0, indexByKey: indexByKey,
            closesTable: closesTable)
    }

    private init(
        elements: [Element], paragraph: Int, image: Int, indexByKey: PackedNameTable,
        closesTable: [Bool]
    ) {
        self.elements = elements
        self.paragraph = paragraph
        self.image = image
        self.indexByKey = indexByKey
        self.closesTable = closesTable
    }

    /// The element whose lowercase name gave `key`, if it is listed.
    @inline(__always)
    func element(forKey key: NameKey) -> Int? {
        guard let value = key.value else { return nil }
        return indexByKey.value(for: value)
    }

    /// Whether the lowercase name that gave `key` is `html`, `head` or `body`.
    func isDocumentElement(_ key: NameKey) -> Bool {
        guard let value = key.value else { return false }
        return documentElementKeys.contains(value)
    }

    /// Whether the start tag of element `new` closes an open element `open`.
    @inline(__always)
    func startTag(of new: Int, closes open: Int) -> Bool {
        closesTable[new * elements.count + open]
    }

    /// A lowercase element name packed into 64 bits, six per letter or digit:
    /// a dictionary key that costs no string. Names of other characters, or
    /// longer than ten, have no key (no listed element has one).
    struct NameKey {
        private var packed: UInt64 = 0
        private var length = 0
        private var isPackable = true

        var value: UInt64? { isPackable && length > 0 ? packed : nil }

        init() {}

        /// The key of a whole name.
        init(_ name: String) {
            for byte in name.utf8 { add(byte) }
        }

        /// Adds the next byte of the name, lowercasing ASCII letters.
        @inline(__always)
        mutating func add(_ byte: UInt8) {
            length += 1
            guard isPackable, length <= 10 else {
                isPackable = false
                return
            }
            let code: UInt64
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): code = UInt64(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): code = UInt64(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"): code = UInt64(byte - UInt8(ascii: "0")) + 27
            default:
                isPackable = false
                return
            }
            packed = packed << 6 | code
        }
    }
}
