extension String {
    /// The string without leading and trailing ASCII whitespace. Works on
    /// UTF-8 directly: Foundation's `trimmingCharacters(in:)` goes through
    /// UTF-16 and dominated parse time.
    func trimmedWhitespace() -> String {
        let bytes = utf8
        // Most text comes already trimmed: its two ends say so.
        guard let head = bytes.first else { return "" }
        let tail = bytes[bytes.index(before: bytes.endIndex)]
        if !Self.isWhitespace(head), !Self.isWhitespace(tail) { return self }
        guard let first = bytes.firstIndex(where: { !Self.isWhitespace($0) }) else { return "" }
        var last = bytes.index(before: bytes.endIndex)
        while Self.isWhitespace(bytes[last]) { last = bytes.index(before: last) }
        let end = bytes.index(after: last)
        if first == bytes.startIndex, end == bytes.endIndex { return self }
        return String(self[first..<end])
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
    }
}
