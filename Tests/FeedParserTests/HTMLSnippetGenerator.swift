/// Random HTML fragments for holding `SimpleHTMLReader` to libxml2's output:
/// mostly the nested inline and block markup of feed summaries, with the
/// mistakes publishers make (unclosed and stray tags, bare ampersands,
/// odd attributes) and, now and then, constructs only libxml2 reads.
/// Seeded, so a failure names a snippet that comes back on every run.
struct HTMLSnippetGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// SplitMix64: small and the same on every platform.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    private mutating func number(below limit: Int) -> Int {
        Int(next() % UInt64(limit))
    }

    private mutating func chance(_ percent: Int) -> Bool {
        number(below: 100) < percent
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices[number(below: choices.count)]
    }

    static let words = [
        "minister", "floods", "Karachi", "talks", "army", "court", "AT", "T", "5", "x=1", "café",
        "naïve", "東京", "Москва", "Ελλάδα", "😀", "a.b", "—", "“quoted”", "can't", "=", ";", "#",
        "/", ">", "\"", "'", "\u{A0}", "\u{AD}", "\u{7F}", "x\u{A9}y",
    ]
    static let blanks = [" ", "  ", "\n", "\t", "\r\n", " \n ", ""]
    static let entities = [
        "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&mdash;", "&eacute;", "&Eacute;",
        "&hellip;", "&euro;", "&diams;", "&thetasym;", "&AMP;", "&bogus;", "&amp", "&copy 2024",
        "&ampx;", "& ", "&&", "&;", "&#65;", "&#x41;", "&#X41;", "&#8212;", "&#x1F600;", "&#0;",
        "&#xD800;", "&#1114112;", "&#x110000;", "&#65", "&#;", "&#x;", "&#00000065;", "&#160;",
        "&#9;", "&#10;", "&#128;", "&#x9F;", "&a-b.c:d;", "&_x;", "&:x;", "&1;", "&é;",
    ]
    /// Elements the fast reader lists, and some it leaves to libxml2.
    static let elements = [
        "p", "div", "span", "b", "i", "em", "strong", "a", "ul", "ol", "li", "blockquote", "h2",
        "table", "tr", "td", "th", "tbody", "dl", "dt", "dd", "pre", "code", "sup", "font",
        "section", "figure", "figcaption", "center", "caption", "u", "q", "small",
        "P", "DIV", "Em", "script", "style", "noscript", "head", "body", "html", "title", "form",
        "option", "select", "textarea", "iframe", "o:p", "custom-element", "x_y", "svg", "label",
    ]
    static let emptyElements = ["br", "hr", "img", "wbr", "BR", "input", "meta", "col", "embed"]
    static let noise = [
        "<", "< p>", "<!-- note -->", "<![CDATA[x]]>", "</>", "<p", "&", "<?pi x?>", "\u{1}",
        "\u{C}", "\u{FFFE}", "\u{FEFF}", "</span>", "</p>", "</div>", "</b >", "</b x>", "<5",
        "<!DOCTYPE html>", "<p/>", "<b/>", "<br/>", "</br>", "<a href=x/>", "<1>", "<_x>",
        "<!--x-->", "<!---->", "<!-->", "<!--->", "<!-- a -- b -->", "<!--x--!>", "<!--\u{1}-->",
        "</script>", "<script>", "</style>", "<SCRIPT>x</SCRIPT >", "</scripts>",
    ]

    /// One fragment of up to `depth` levels of nested elements.
    mutating func snippet(depth: Int = 4) -> String {
        var html = ""
        for _ in 0..<(1 + number(below: 5)) {
            html += part(depth: depth)
        }
        return html
    }

    private mutating func part(depth: Int) -> String {
        switch number(below: 100) {
        case 0..<30: return text()
        case 30..<40: return pick(Self.entities)
        case 40..<47: return emptyElement()
        case 47..<50: return pick(Self.noise)
        default:
            guard depth > 0 else { return text() }
            return element(depth: depth)
        }
    }

    private mutating func text() -> String {
        var text = pick(Self.blanks)
        for _ in 0..<(1 + number(below: 4)) {
            text += pick(Self.words) + pick(Self.blanks)
        }
        if chance(2) { text += String(repeating: " ", count: 998 + number(below: 4)) }
        return text
    }

    private mutating func element(depth: Int) -> String {
        let name = pick(Self.elements)
        var html = "<" + name + attributes(of: name) + (chance(3) ? "/>" : ">")
        for _ in 0..<number(below: 4) {
            html += part(depth: depth - 1)
        }
        switch number(below: 100) {
        case 0..<80: html += "</" + name + (chance(5) ? " >" : ">")
        case 80..<90: break  // left open
        default: html += "</" + pick(Self.elements) + ">"  // another element's end tag
        }
        return html
    }

    private mutating func emptyElement() -> String {
        let name = pick(Self.emptyElements)
        return "<" + name + attributes(of: name) + pick([">", "/>", " />"])
    }

    private mutating func attributes(of name: String) -> String {
        var html = ""
        for _ in 0..<number(below: 4) {
            let attribute = pick([
                "href", "class", "alt", "ALT", "src", "title", "data-x", "_x", ":x", ".x", "x.y",
            ])
            let value = pick([
                "x", "a b", "https://e.org/a?x=1&y=2", "a&amp;b", "R&D", "", "x/", "<b>", "'",
                "\"", "é", "\u{FFFE}",
            ])
            html += pick([" ", "  ", "\n"]) + attribute
            switch number(below: 6) {
            case 0: break  // no value
            case 1: html += "=" + value.filter { $0 != " " && $0 != ">" && $0 != "\"" }
            case 2: html += "='" + value.filter { $0 != "'" } + "'"
            case 3: html += " = \"" + value.filter { $0 != "\"" } + "\""
            default: html += "=\"" + value.filter { $0 != "\"" } + "\""
            }
        }
        if chance(3) { html += pick([" \"x\"", " =x", " 5=x", "\"", " /"]) }
        return html
    }
}
