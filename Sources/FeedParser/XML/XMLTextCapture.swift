/// The character data of the field a handler is reading, and the budget
/// that all character data of the document spends: past it (entity
/// expansion bombs) the parse stops.
///
/// The bytes are kept in storage of its own rather than an array: libxml2
/// hands over text in runs of a byte or two (every `&lt;` of an escaped
/// summary is one), and an array checked its uniqueness and capacity for
/// each byte, a tenth of the time of an HTML-rich feed. The capture lives in
/// its parser's callback state, is never copied, and is given back with
/// `deallocate()` when the parser goes.
struct XMLTextCapture {
    /// When on, character data and CDATA go into the buffer.
    var isCapturing = false
    /// When on, captured text is escaped as XML (for inline markup
    /// serialized back to a string).
    var escapes = false

    private var budget: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 1024
    private var count = 0

    init(budget: Int) {
        self.budget = budget
        storage = .allocate(capacity: capacity)
    }

    /// Gives the storage back; the capture is not used again.
    func deallocate() {
        storage.deallocate()
    }

    /// Spends `bytes` from the budget and keeps them when capturing; false
    /// when the budget is spent.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        budget -= bytes.count
        guard budget >= 0 else { return false }
        guard isCapturing else { return true }
        guard escapes else {
            appendBytes(bytes)
            return true
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): appendMarkup("&amp;")
            case UInt8(ascii: "<"): appendMarkup("&lt;")
            case UInt8(ascii: ">"): appendMarkup("&gt;")
            default: appendBytes(CollectionOfOne(byte))
            }
        }
        return true
    }

    /// Appends markup, already escaped, whether capturing or not.
    mutating func appendMarkup(_ markup: String) {
        var markup = markup
        markup.withUTF8 { appendBytes($0) }
    }

    /// The text so far without surrounding whitespace, emptying the buffer.
    /// - Parameter wellFormed: every byte captured is known to be UTF-8
    ///   (see `XMLSAXParser.takeText`), so it is not checked again.
    mutating func take(wellFormed: Bool = false) -> String {
        var start = 0
        var end = count
        while start < end, Self.isWhitespace(storage[start]) { start += 1 }
        while end > start, Self.isWhitespace(storage[end - 1]) { end -= 1 }
        let bytes = UnsafeBufferPointer(start: storage + start, count: end - start)
        let text =
            wellFormed ? UTF8Strings.string(knownWellFormed: bytes) : UTF8Strings.string(bytes)
        count = 0
        return text
    }

    mutating func discard() {
        count = 0
    }

    @inline(__always)
    private mutating func appendBytes<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
        let length = bytes.count
        if count + length > capacity { grow(toHold: count + length) }
        // A run of a few bytes is stored a byte at a time; longer ones copied at once.
        if length <= 8 {
            var offset = count
            for byte in bytes {
                storage[offset] = byte
                offset += 1
            }
        } else {
            _ = UnsafeMutableBufferPointer(start: storage + count, count: length).initialize(
                from: bytes)
        }
        count += length
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
