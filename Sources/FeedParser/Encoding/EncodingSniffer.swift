import Foundation

/// Finds what a document says about its own character encoding, from the
/// first bytes only: a byte order mark, the layout of `<?xml` in a wide
/// encoding, the XML declaration, and the HTTP `Content-Type` charset.
enum EncodingSniffer {
    /// The encoding a byte order mark announces, and the mark's length.
    static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: String, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return ("UTF-8", 3) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("UTF-32BE", 4) }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("UTF-32LE", 4) }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16BE", 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16LE", 2) }
        return nil
    }

    /// UTF-16 or UTF-32 without a mark, recognised by how `<` is laid out.
    static func unmarkedWideEncoding(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return "UTF-32LE" }
        if bytes.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return "UTF-32BE" }
        if bytes.starts(with: [0x3C, 0x00, 0x3F, 0x00]) { return "UTF-16LE" }
        if bytes.starts(with: [0x00, 0x3C, 0x00, 0x3F]) { return "UTF-16BE" }
        return nil
    }

    /// `<?xm` in EBCDIC.
    static func looksLikeEBCDIC(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x4C, 0x6F, 0xA7, 0x94])
    }

    /// The `encoding` pseudo-attribute of an ASCII-compatible XML declaration.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var index = 0
        while index < bytes.count, isSpace(bytes[index]) { index += 1 }
        guard bytes[index...].starts(with: Array("<?xml".utf8)) else { return nil }
        let limit = min(bytes.count, index + 512)
        var end = index
        while end + 1 < limit,
            !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">"))
        {
            end += 1
        }
        // Declarations are ASCII nearly always: read on bytes, without Foundation.
        if bytes[index..<end].allSatisfy({ $0 < 0x80 }) {
            return asciiEncodingValue(bytes[index..<end])
        }
        let declaration = String(decoding: bytes[index..<end], as: UTF8.self)
        guard let keyRange = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[keyRange.upperBound...].drop(while: {
            $0 == " " || $0 == "=" || $0.isWhitespace
        })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix(while: { $0 != quote })
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The `encoding` value of an ASCII declaration, by the same steps as
    /// the string code above: the first `encoding`, then spaces, `=` and
    /// whitespace, a quote, the value up to the same quote, trimmed of spaces
    /// and tabs (all that `.whitespaces` holds in ASCII).
    private static func asciiEncodingValue(_ declaration: ArraySlice<UInt8>) -> String? {
        let key = Array("encoding".utf8)
        guard
            var cursor = declaration.indices.first(where: {
                declaration[$0...].starts(with: key)
            })
        else { return nil }
        cursor += key.count
        // Character.isWhitespace in ASCII: tab to carriage return, and space.
        while cursor < declaration.endIndex,
            declaration[cursor] == UInt8(ascii: "=") || declaration[cursor] == 0x20
                || (0x09...0x0D).contains(declaration[cursor])
        {
            cursor += 1
        }
        guard cursor < declaration.endIndex else { return nil }
        let quote = declaration[cursor]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        var value = declaration[(cursor + 1)...].prefix { $0 != quote }
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    /// The `charset` parameter of a `Content-Type` value.
    static func charset(fromContentType contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
            else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
