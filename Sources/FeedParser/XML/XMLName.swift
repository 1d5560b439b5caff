/// A namespace-qualified XML name. Handlers match on the namespace URI, never
/// on the prefix a document happened to choose.
struct XMLName: Hashable, Sendable {
    var namespace: String?
    var localName: String
    /// `localName` when the handlers know it, for matching without string compares.
    var known: KnownElementName?

    init(namespace: String?, localName: String) {
        self.init(
            namespace: namespace, localName: localName,
            known: KnownElementName(rawValue: localName))
    }

    /// A name whose `known` the caller has already looked up.
    init(namespace: String?, localName: String, known: KnownElementName?) {
        self.namespace = namespace
        self.localName = localName
        self.known = known
    }
}
