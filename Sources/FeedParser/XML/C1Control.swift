import Foundation

/// U+0080–U+009F in UTF-8 (C2 80 to C2 9F), which libxml2 reads as characters
/// and the prepass repairs as the windows-1252 punctuation they stand for.
enum C1Control {
    /// How the runs of text of a document are looked at.
    enum Search {
        /// Not at all.
        case none
        /// Only the runs libxml2 makes of a character reference: it hands
        /// each decoded reference over on its own, and `&#146;` becomes the
        /// two bytes C2 92. A document without C1 controls in its bytes, or
        /// entities declared, can have them in its text only so.
        case decodedReferences
        /// Every run, whole.
        case everyRun
    }

    /// How to look at the runs of text `document` gives: one look at the
    /// whole document spares most documents a look at each run.
    static func search(_ document: UnsafeBufferPointer<UInt8>) -> Search {
        occurs(in: document) || hasDocumentType(document) ? .everyRun : .decodedReferences
    }

    /// Whether a document type declaration comes before the root element:
    /// only there are entities declared, whose text libxml2 may hand over
    /// in runs of any length.
    private static func hasDocumentType(_ document: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < document.count {
            guard document[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            guard index + 1 < document.count else { return false }
            switch document[index + 1] {
            case UInt8(ascii: "?"):
                index += 2
            case UInt8(ascii: "!"):
                guard index + 3 < document.count, document[index + 2] == UInt8(ascii: "-"),
                    document[index + 3] == UInt8(ascii: "-")
                else { return true }
                index = endOfComment(in: document, from: index + 4)
            default:
                return false
            }
        }
        return false
    }

    /// The index after the `-->` that closes a comment begun before `start`.
    private static func endOfComment(in document: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int
    {
        var index = start
        while index + 2 < document.count {
            if document[index] == UInt8(ascii: "-"), document[index + 1] == UInt8(ascii: "-"),
                document[index + 2] == UInt8(ascii: ">")
            {
                return index + 3
            }
            index += 1
        }
        return document.count
    }

    /// Whether a run of text holds a C1 control, looked at as `search` says.
    @inline(__always)
    static func occurs(in bytes: UnsafeBufferPointer<UInt8>, searching search: Search) -> Bool {
        switch search {
        case .none: false
        case .decodedReferences:
            bytes.count == 2 && bytes[0] == 0xC2 && (0x80...0x9F).contains(bytes[1])
        case .everyRun: occurs(in: bytes)
        }
    }

    static func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        // memchr: most runs hold no C2 at all, and it looks at many bytes at once.
        while offset < bytes.count,
            let found = memchr(base + offset, 0xC2, bytes.count - offset)
        {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            offset = index + 1
        }
        return false
    }
}
