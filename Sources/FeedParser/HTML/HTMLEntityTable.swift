/// The HTML named entities (`&mdash;`, `&eacute;`) as libxml2 knows them,
/// for `SimpleHTMLReader` and the prepass: the values are libxml2's own,
/// asked once, so both readers decode the same names to the same characters
/// and leave the same unknown names as text.
final class HTMLEntityTable: Sendable {
    static let shared = HTMLEntityTable()

    enum Answer {
        case character(Unicode.Scalar)
        /// libxml2 knows no entity of that name.
        case unknown
    }

    private let scalars: [Unicode.Scalar]
    private let indexByKey: PackedNameTable

    /// HTML 4's names, which are the ones libxml2 2.9 knows (the tests hold
    /// the list to libxml2's table).
    static let names = [
        "quot", "amp", "apos", "lt", "gt", "nbsp", "iexcl", "cent", "pound", "curren", "yen",
        "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr", "deg",
        "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
        "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde",
        "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
        "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
        "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave",
        "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute",
        "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
        "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml",
        "yacute", "thorn", "yuml", "OElig", "oelig", "Scaron", "scaron", "Yuml", "fnof", "circ",
        "tilde", "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota",
        "Kappa", "Lambda", "Mu", "Nu", "Xi", "Omicron", "Pi", "Rho", "Sigma", "Tau", "Upsilon",
        "Phi", "Chi", "Psi", "Omega", "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta",
        "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf",
        "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "thetasym", "upsih", "piv", "ensp",
        "emsp", "thinsp", "zwnj", "zwj", "lrm", "rlm", "ndash", "mdash", "lsquo", "rsquo", "sbquo",
        "ldquo", "rdquo", "bdquo", "dagger", "Dagger", "bull", "hellip", "permil", "prime", "Prime",
        "lsaquo", "rsaquo", "oline", "frasl", "euro", "image", "weierp", "real", "trade", "alefsym",
        "larr", "uarr", "rarr", "darr", "harr", "crarr", "lArr", "uArr", "rArr", "dArr", "hArr",
        "forall", "part", "exist", "empty", "nabla", "isin", "notin", "ni", "prod", "sum", "minus",
        "lowast", "radic", "prop", "infin", "ang", "and", "or", "cap", "cup", "int", "there4",
        "sim", "cong", "asymp", "ne", "equiv", "le", "ge", "sub", "sup", "nsub", "sube", "supe",
        "oplus", "otimes", "perp", "sdot", "lceil", "rceil", "lfloor", "rfloor", "lang", "rang",
        "loz", "spades", "clubs", "hearts", "diams",
    ]

    private init() {
        var scalars: [Unicode.Scalar] = []
        var entries: [(key: UInt64, value: Int)] = []
        for name in Self.names {
            var key = NameKey()
            for byte in name.utf8 { key.add(byte) }
            guard let packed = key.value,
                let scalar = LibXML2Functions.htmlEntityScalar(named: name)
            else { continue }
            entries.append((packed, scalars.count))
            scalars.append(scalar)
        }
        self.scalars = scalars
        indexByKey = PackedNameTable(entries)
    }

    /// libxml2's answer for `name`, whose bytes gave `key`, or nil when the
    /// name has no key (longer than any HTML 4 name).
    @inline(__always)
    func answer<Name: Collection<UInt8>>(for key: NameKey, name: Name) -> Answer? {
        guard let value = key.value else { return nil }
        if let index = indexByKey.value(for: value) { return .character(scalars[index]) }
        // Not an HTML 4 name; libxml2 is asked all the same, to be sure.
        return LibXML2Functions.htmlEntityScalar(named: String(decoding: name, as: UTF8.self))
            .map(Answer.character) ?? .unknown
    }

    /// An entity name (case matters: `&Eacute;` is not `&eacute;`) packed
    /// into 64 bits, one byte per character: a key that costs no string.
    /// Names longer than eight bytes have none (no HTML 4 name is).
    struct NameKey {
        private var packed: UInt64 = 0
        private var length = 0

        var value: UInt64? { length > 0 && length <= 8 ? packed : nil }

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            length += 1
            if length <= 8 { packed = packed << 8 | UInt64(byte) }
        }
    }
}
