/// Namespace URIs the handlers recognise. Elements are matched on these,
/// whatever prefix a document binds them to.
enum XMLNamespace {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dublinCoreTerms = "http://purl.org/dc/terms/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let syndication = "http://purl.org/rss/1.0/modules/syndication/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let mediaRSS = "http://search.yahoo.com/mrss/"
    static let iTunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"

    /// The URIs above, which handlers compare element namespaces with.
    private static let known = [
        atom10, atom03, rss10, rss090, rdf, dublinCore, dublinCoreTerms, content, syndication,
        xhtml, xml, mediaRSS, iTunes,
    ]

    /// `uri`, as the constant above when it is one of them. Two strings that
    /// share their storage compare equal at once; equal strings apart are
    /// compared byte by byte, as they were for every element of a feed.
    static func interned(_ uri: String) -> String {
        let length = uri.utf8.count
        for constant in known where constant.utf8.count == length && constant == uri {
            return constant
        }
        return uri
    }

    /// Whether `namespace` is `uri`. An element's namespace, when it is one
    /// of the URIs above, is that constant itself (`interned`), and URIs
    /// that differ mostly differ in length: either is told without the
    /// byte-by-byte comparison `==` makes of two strings apart, once or twice
    /// for every element of a feed.
    static func equals(_ namespace: String?, _ uri: String) -> Bool {
        guard let namespace else { return false }
        return namespace.utf8.count == uri.utf8.count && namespace == uri
    }

    /// Namespaces under which plain RSS element names appear: none, RSS 1.0
    /// and 0.90, and the two URIs some RSS 2.0 publishers declared by default.
    static func isRSS(_ namespace: String?) -> Bool {
        guard let namespace else { return true }
        return equals(namespace, rss10) || equals(namespace, rss090)
            || namespace.hasPrefix("http://backend.userland.com/rss")
            || equals(namespace, "http://blogs.law.harvard.edu/tech/rss")
    }

    static func isAtom(_ namespace: String?) -> Bool {
        equals(namespace, atom10) || equals(namespace, atom03)
    }
}
