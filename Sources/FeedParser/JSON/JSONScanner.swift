/// Reads JSON text (RFC 8259) from UTF-8 bytes, one value at a time, so that
/// a caller can walk a large array element by element and hold only the
/// element it is on. `skipValue` checks a value as strictly as `value` reads
/// it, without building it.
///
/// Accepted as Foundation's `JSONSerialization` accepts it, so that no feed
/// reads differently: a trailing comma before `]` or `}` is allowed; nesting
/// deeper than `maximumDepth` is refused, as are control characters in
/// strings, unpaired surrogates, and anything after the top-level value.
struct JSONScanner {
    /// Arrays and objects nested deeper than this are refused: the reader
    /// recurses, and a hostile feed must not exhaust the stack.
    static let maximumDepth = 512

    let bytes: [UInt8]
    /// Where the next token starts.
    private(set) var position: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        position = 0
    }

    /// A scanner over the same bytes that reads on from `position`.
    init(_ bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    // MARK: Structure

    /// Reads one value whole; `depth` is the nesting it sits at.
    mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        // safe: with `keep` the scan always builds the value
        try scan(depth: depth, keep: true) ?? .null
    }

    /// Steps over one value, checking it as `value` would read it.
    mutating func skipValue(depth: Int = 0) throws(JSONSyntaxError) {
        _ = try scan(depth: depth, keep: false)
    }

    /// Opens an object: true if it is one (the `{` read), false if the next
    /// value is something else (nothing read).
    mutating func openObject() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else {
            throw error("the document ends where a value should be")
        }
        guard bytes[position] == UInt8(ascii: "{") else { return false }
        position += 1
        return true
    }

    /// Opens an array: true if it is one (the `[` read), false if not (nothing read).
    mutating func openArray() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else {
            throw error("the document ends where a value should be")
        }
        guard bytes[position] == UInt8(ascii: "[") else { return false }
        position += 1
        return true
    }

    /// In an open object, the next member's key (its `:` read), or nil at
    /// the `}` that closes it (read too).
    mutating func nextKey(first: Bool) throws(JSONSyntaxError) -> String? {
        guard try nextElement(first: first, closing: UInt8(ascii: "}")) else { return nil }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a quoted key")
        }
        // safe: with `keep` the string is always built
        let key = try string(keep: true) ?? ""
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after key \"\(key)\"")
        }
        position += 1
        return key
    }

    /// In an open array, whether another element follows (false at the `]`
    /// that closes it, read too).
    mutating func hasNextElement(first: Bool) throws(JSONSyntaxError) -> Bool {
        try nextElement(first: first, closing: UInt8(ascii: "]"))
    }

    /// After the top-level value: only whitespace may follow.
    mutating func finish() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected text after the JSON value") }
    }

    /// Reads the comma before an element, or the closing bracket; a comma
    /// may also stand before the closing bracket.
    private mutating func nextElement(first: Bool, closing: UInt8) throws(JSONSyntaxError)
        -> Bool
    {
        skipWhitespace()
        guard position < bytes.count else {
            throw error(
                "the document ends inside an \(closing == UInt8(ascii: "]") ? "array" : "object")")
        }
        if bytes[position] == closing {
            position += 1
            return false
        }
        guard !first else { return true }
        guard bytes[position] == UInt8(ascii: ",") else {
            throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'")
        }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == closing {
            position += 1
            return false
        }
        return true
    }

    private mutating func scan(depth: Int, keep: Bool) throws(JSONSyntaxError) -> JSONValue? {
        skipWhitespace()
        guard position < bytes.count else {
            throw error("the document ends where a value should be")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else {
                throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels")
            }
            position += 1
            var members: [String: JSONValue] = [:]
            var first = true
            while let key = try nextKey(first: first) {
                first = false
                let member = try scan(depth: depth + 1, keep: keep)
                if keep { members[key] = member }
            }
            return keep ? .object(members) : nil
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else {
                throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels")
            }
            position += 1
            var elements: [JSONValue] = []
            var first = true
            while try hasNextElement(first: first) {
                first = false
                let element = try scan(depth: depth + 1, keep: keep)
                if keep, let element { elements.append(element) }
            }
            return keep ? .array(elements) : nil
        case UInt8(ascii: "\""):
            return try string(keep: keep).map(JSONValue.string)
        case UInt8(ascii: "t"):
            try literal(Self.trueBytes)
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal(Self.falseBytes)
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal(Self.nullBytes)
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            try number()
            return keep ? .number(String(decoding: bytes[start..<position], as: UTF8.self)) : nil
        default:
            throw error("unexpected \(describe(bytes[position])) where a value should be")
        }
    }

    // MARK: Tokens

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    private mutating func literal(_ word: [UInt8]) throws(JSONSyntaxError) {
        let start = position
        for byte in word {
            guard position < bytes.count, bytes[position] == byte else {
                position = start
                throw error("unexpected \(describe(bytes[start])) where a value should be")
            }
            position += 1
        }
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func number() throws(JSONSyntaxError) {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw error("a number without digits")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw error("a number with a leading zero")
            }
        } else {
            digits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("a number without digits after its '.'")
            }
            digits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count,
                bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
            {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw error("a number without digits in its exponent")
            }
            digits()
        }
    }

    private mutating func digits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Reads a string from its opening quote; builds it only when `keep`.
    /// The bytes are valid UTF-8 already (the document was decoded).
    private mutating func string(keep: Bool) throws(JSONSyntaxError) -> String? {
        let opening = position
        position += 1
        var runStart = position
        var built: [UInt8] = []
        var escaped = false
        while true {
            guard position < bytes.count else {
                position = opening
                throw error("a string that never ends")
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                guard keep else { return nil }
                if !escaped { return String(decoding: bytes[runStart..<position], as: UTF8.self) }
                built += bytes[runStart..<position]
                return String(decoding: built, as: UTF8.self)
            }
            if byte < 0x20 { throw error("an unescaped control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            if keep { built += bytes[runStart..<position] }
            escaped = true
            let scalar = try escape()
            if keep { built += Array(String(Character(scalar)).utf8) }
            runStart = position
        }
    }

    /// Reads an escape from its backslash.
    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = position
        position += 1
        guard position < bytes.count else { throw error("a string that never ends") }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xDC00...0xDFFF).contains(unit) {
                position = start
                throw error("a low surrogate escape without a high one before it")
            }
            guard (0xD800...0xDBFF).contains(unit) else {
                // safe: a unit outside the surrogates is a scalar
                return Unicode.Scalar(unit) ?? "\u{FFFD}"
            }
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else {
                position = start
                throw error("a high surrogate escape without a low one after it")
            }
            position += 2
            let low = try hexUnit()
            guard (0xDC00...0xDFFF).contains(low) else {
                position = start
                throw error("a high surrogate escape without a low one after it")
            }
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            // safe: a surrogate pair always makes a scalar
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        default:
            position = start
            throw error("an unknown escape \\\(describe(letter))")
        }
    }

    private mutating func hexUnit() throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw error("a string that never ends") }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape without four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
            position += 1
        }
        return unit
    }

    // MARK: Errors

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
    }

    /// An error at the current position, with its line and column.
    func error(_ message: String) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for index in 0..<min(position, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return JSONSyntaxError(
            message: message, line: line, column: position - lineStart + 1, offset: position)
    }
}

/// Why a JSON text could not be read, and where: the line and column (in
/// bytes, from 1) and the byte offset.
struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    var message: String
    var line: Int
    var column: Int
    var offset: Int

    var description: String { "\(message) at line \(line), column \(column)" }
}
