import CLibXML2

/// One attribute of a start tag, its value with entities already decoded.
struct XMLAttribute: Sendable {
    var name: XMLName
    var value: String
}

/// The attributes of the start tag being reported, decoded on demand since
/// most are never looked at. Valid only during the delegate call.
struct XMLAttributes {
    /// libxml2's layout: five pointers per attribute (local name, prefix,
    /// namespace URI, value start, value end).
    private let pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    init(pointer: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        self.pointer = pointer
        self.count = pointer == nil ? 0 : count
    }

    /// No attributes at all.
    static var empty: XMLAttributes { XMLAttributes(pointer: nil, count: 0) }

    /// The value of an attribute without namespace or, failing that, with any.
    func value(_ localName: String) -> String? {
        var fallback: Int?
        for index in 0..<count where Self.equals(field(index, 0), localName) {
            if field(index, 2) == nil { return value(at: index) }
            if fallback == nil { fallback = index }
        }
        return fallback.map(value(at:))
    }

    /// The value of a namespaced attribute (`xml:base`, `rdf:about`).
    func value(_ localName: String, namespace: String) -> String? {
        // Most attributes have no namespace: a nil test passes them over
        // before any name is compared (`xml:base` is asked of every element).
        for index in 0..<count
        where field(index, 2) != nil && Self.equals(field(index, 0), localName)
            && Self.equals(field(index, 2), namespace)
        {
            return value(at: index)
        }
        return nil
    }

    /// Every attribute, decoded.
    var all: [XMLAttribute] {
        (0..<count).map { index in
            XMLAttribute(
                name: XMLName(
                    namespace: field(index, 2).map { String(cString: $0) },
                    localName: field(index, 0).map { String(cString: $0) } ?? ""),
                value: value(at: index))
        }
    }

    private func field(_ index: Int, _ offset: Int) -> UnsafePointer<xmlChar>? {
        pointer?[index * 5 + offset]
    }

    private func value(at index: Int) -> String {
        guard let start = field(index, 3), let end = field(index, 4) else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        // Without entity substitution libxml2 leaves `&` as `&#38;`.
        guard let ampersand = bytes.firstIndex(of: UInt8(ascii: "&")) else {
            return UTF8Strings.string(bytes)
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var copiedUpTo = 0
        var index = ampersand
        while let found = bytes[index...].firstIndex(of: UInt8(ascii: "&")) {
            index = found + 1
            guard found + 5 <= bytes.count, bytes[found + 1] == UInt8(ascii: "#"),
                bytes[found + 2] == UInt8(ascii: "3"), bytes[found + 3] == UInt8(ascii: "8"),
                bytes[found + 4] == UInt8(ascii: ";")
            else { continue }
            decoded.append(contentsOf: bytes[copiedUpTo..<found])
            decoded.append(UInt8(ascii: "&"))
            copiedUpTo = found + 5
            index = copiedUpTo
        }
        decoded.append(contentsOf: bytes[copiedUpTo...])
        return UTF8Strings.string(decoded[...])
    }

    private static func equals(_ cString: UnsafePointer<xmlChar>?, _ string: String) -> Bool {
        guard let cString else { return false }
        var index = 0
        for byte in string.utf8 {
            guard cString[index] == byte else { return false }
            index += 1
        }
        return cString[index] == 0
    }
}
