import CLibXML2

/// Names by dictionary pointer, direct-mapped: a pointer compare instead
/// of hashing, and a document uses few distinct names.
struct XMLNameCache {
    /// One name. A namespace URI and an element name may be the same
    /// interned string, so a slot also says which it holds.
    private struct Slot {
        var pointer: UnsafePointer<xmlChar>?
        var isNamespace: Bool
        var name: String
        var known: KnownElementName?
    }

    private var slots = [Slot](
        repeating: Slot(pointer: nil, isNamespace: false, name: "", known: nil), count: 256)

    /// An element's local name and, for one the handlers act on, its
    /// `KnownElementName`, looked up once per distinct name.
    @inline(__always)
    mutating func elementName(_ pointer: UnsafePointer<xmlChar>?) -> (
        String, KnownElementName?
    ) {
        guard let pointer else { return ("", nil) }
        let slot = Self.slot(pointer)
        if slots[slot].pointer == pointer, !slots[slot].isNamespace {
            return (slots[slot].name, slots[slot].known)
        }
        let text = String(cString: pointer)
        let known = KnownElementName(rawValue: text)
        slots[slot] = Slot(pointer: pointer, isNamespace: false, name: text, known: known)
        return (text, known)
    }

    /// The dictionary packs names byte after byte, so short names share
    /// an aligned word: every low bit tells them apart, and the next
    /// byte folded in spreads names further than 256 bytes apart.
    @inline(__always)
    private static func slot(_ pointer: UnsafePointer<xmlChar>) -> Int {
        let address = UInt(bitPattern: pointer)
        return Int(truncatingIfNeeded: address ^ (address >> 8)) & 255
    }

    /// A namespace URI, the handlers' own constant for a known one.
    @inline(__always)
    mutating func namespace(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // libxml2 interns names in the context's dictionary, so a pointer
        // stands for one name for the whole parse.
        let slot = Self.slot(pointer)
        if slots[slot].pointer == pointer, slots[slot].isNamespace { return slots[slot].name }
        let text = String(cString: pointer)
        let value = XMLNamespace.interned(text)
        slots[slot] = Slot(pointer: pointer, isNamespace: true, name: value, known: nil)
        return value
    }
}
