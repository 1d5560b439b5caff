/// The character data of the field a handler is reading, and the budget
/// that all character data of the document spends: past it (entity
/// expansion bombs) the parse stops.
struct XMLTextCapture {
    /// When on, character data and CDATA go into the buffer.
    var isCapturing = false
    /// When on, captured text is escaped as XML (for inline markup
    /// serialized back to a string).
    var escapes = false

    private var budget: Int
    private var buffer: [UInt8] = []

    init(budget: Int) {
        self.budget = budget
    }

    /// Spends `bytes` from the budget and keeps them when capturing; false
    /// when the budget is spent.
    mutating func append<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        budget -= bytes.count
        guard budget >= 0 else { return false }
        guard isCapturing else { return true }
        guard escapes else {
            buffer.appendRun(bytes)
            return true
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): buffer.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): buffer.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): buffer.append(contentsOf: "&gt;".utf8)
            default: buffer.append(byte)
            }
        }
        return true
    }

    /// Appends markup, already escaped, whether capturing or not.
    mutating func appendMarkup(_ markup: String) {
        buffer.append(contentsOf: markup.utf8)
    }

    /// The text so far without surrounding whitespace, emptying the buffer.
    mutating func take() -> String {
        var start = 0
        var end = buffer.count
        while start < end, Self.isWhitespace(buffer[start]) { start += 1 }
        while end > start, Self.isWhitespace(buffer[end - 1]) { end -= 1 }
        let text = String(decoding: buffer[start..<end], as: UTF8.self)
        buffer.removeAll(keepingCapacity: true)
        return text
    }

    mutating func discard() {
        buffer.removeAll(keepingCapacity: true)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
