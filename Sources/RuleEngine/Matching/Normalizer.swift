/// Receives the tokens of a text as the normalizer finds them.
protocol NormalizedTokenSink {
    /// `bytes` is the folded token as UTF-8, readable for the length of the call
    /// only (a `Span` cannot escape it); `hash` its `TokenHash`; `start..<end` its
    /// UTF-8 range in the original text.
    mutating func token(_ bytes: Span<UInt8>, hash: UInt64, start: Int, end: Int)
}

/// A token of normalized text, with where it stood in the original.
struct NormalizedToken: Sendable, Equatable {
    var text: String
    /// UTF-8 offsets into the original text.
    var range: Range<Int>

    /// Whether the token is a character of a script written without spaces.
    var isSpaceless: Bool {
        text.unicodeScalars.first.map { SpacelessScripts.contains($0.value) } ?? false
    }
}

/// The one normalization for item text and rule terms alike: NFKC, case
/// folding, diacritics and invisible characters removed, apostrophes inside a
/// word read as a reader reads them (`Apostrophes`), every other character that
/// is not a letter or digit a token break. Tokens are maximal runs of letters
/// and digits, except in scripts written without spaces, where every character
/// is a token (`SpacelessScripts`).
///
/// Item text is mostly ASCII, so bytes below 0x80 are folded through a table
/// without leaving UTF-8; only a stretch holding non-ASCII characters, or an
/// apostrophe inside a word, goes scalar by scalar (`MixedRunScanner`).
enum Normalizer {
    /// ASCII folding: 0 for a token break, else the lower-cased byte.
    static let asciiTable: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x30...0x39, 0x61...0x7A: UInt8(byte)
        case 0x41...0x5A: UInt8(byte + 0x20)
        default: 0
        }
    }

    /// 1 for the bytes at which a token of the ASCII path may go on in
    /// `MixedRunScanner`: the apostrophes ' and ` and every non-ASCII byte.
    private static let handOver: [UInt8] = (0..<256).map {
        $0 == 0x27 || $0 == 0x60 || $0 >= 0x80 ? 1 : 0
    }

    /// The tokens of `text`, as strings with their ranges.
    static func tokens(of text: String) -> [NormalizedToken] {
        var collector = TokenCollector()
        scan(text, into: &collector)
        return collector.tokens
    }

    /// The normalized tokens of `text`.
    static func words(of text: String) -> [String] {
        tokens(of: text).map(\.text)
    }

    /// Feeds every token of `text` to `sink`.
    static func scan<Sink: NormalizedTokenSink>(_ text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { utf8 in
            asciiTable.withUnsafeBufferPointer { table in
                handOver.withUnsafeBufferPointer { handOver in
                    scan(utf8: utf8, table: table, handOver: handOver, into: &sink)
                }
            }
        }
    }

    private static func scan<Sink: NormalizedTokenSink>(
        utf8: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>,
        handOver: UnsafeBufferPointer<UInt8>, into sink: inout Sink
    ) {
        let count = utf8.count
        guard count > 0, let text = utf8.baseAddress else { return }
        // ASCII folds byte for byte, so a token of the ASCII path never needs more
        // room than the text, and its loop checks no capacity (only the
        // scalar-by-scalar path, whose folds may be longer, grows the buffer).
        var buffer = TokenBuffer(capacity: count &+ TokenBuffer.spare)
        defer { buffer.deallocate() }
        var index = 0
        while index < count {
            let byte = text[index]
            if byte >= 0x80 {
                index = MixedRunScanner.scan(
                    utf8: utf8, from: index, table: table, buffer: &buffer, into: &sink)
                continue
            }
            if table[Int(byte)] == 0 {
                index += 1
                continue
            }
            // The ASCII fast path: eight bytes at a time while eight remain (letters
            // and digits found with SWAR arithmetic, folded with one OR), then byte by byte.
            let start = index
            var end = index
            var length = 0
            var ended = false
            let raw = UnsafeRawPointer(text)
            while end &+ 8 <= count {
                let word = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
                let breaks = ~SWAR.letterOrDigitMask(word) & SWAR.highBits
                // Letters and digits all have 0x20 set once folded: one OR folds eight bytes.
                UnsafeMutableRawPointer(buffer.bytes + length).storeBytes(
                    of: (word | SWAR.caseBits).littleEndian, as: UInt64.self)
                if breaks == 0 {
                    length &+= 8
                    end &+= 8
                    continue
                }
                let taken = breaks.trailingZeroBitCount >> 3
                length &+= taken
                end &+= taken
                ended = true
                break
            }
            while !ended && end < count {
                let next = text[end]
                if next >= 0x80 { break }
                let folded = table[Int(next)]
                if folded == 0 { break }
                buffer.bytes[length] = folded
                length &+= 1
                end &+= 1
            }
            // The token goes on in non-ASCII letters (`Ḥaqqānī`) or past an
            // apostrophe (`Hay'at`, `Kabul's`): take the scalar-by-scalar path.
            if end < count && handOver[Int(text[end])] != 0 {
                let stop = text[end]
                if stop >= 0x80
                    || (end &+ 1 < count
                        && (text[end &+ 1] >= 0x80 || table[Int(text[end &+ 1])] != 0))
                {
                    index = MixedRunScanner.scan(
                        utf8: utf8, from: start, table: table, buffer: &buffer, into: &sink)
                    continue
                }
            }
            sink.token(
                UnsafeBufferPointer(start: buffer.bytes, count: length).span,
                hash: TokenHash.hashPadded(buffer.bytes, length), start: start, end: end)
            index = end
        }
    }
}

/// The folded bytes of the token being read, with spare room after them for the
/// hash's masked load: one per scan, shared by the ASCII path and
/// `MixedRunScanner`, so that no token allocates.
struct TokenBuffer {
    /// Room kept after the bytes: the ASCII path stores eight bytes at a time,
    /// and the hash reads up to seven past the end.
    static let spare = 16

    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    func deallocate() { bytes.deallocate() }

    /// Makes room for `extra` bytes after the first `length` (which it keeps).
    @inline(__always)
    mutating func reserve(_ length: Int, _ extra: Int) {
        if length &+ extra &+ TokenBuffer.spare > capacity { grow(length, extra) }
    }

    private mutating func grow(_ length: Int, _ extra: Int) {
        var larger = capacity * 2
        while length + extra + TokenBuffer.spare > larger { larger *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        grown.update(from: bytes, count: length)
        bytes.deallocate()
        bytes = grown
        capacity = larger
    }
}

/// Collects tokens as strings (for terms, names and tests; the matcher uses its own sink).
struct TokenCollector: NormalizedTokenSink {
    var tokens: [NormalizedToken] = []

    mutating func token(_ bytes: Span<UInt8>, hash: UInt64, start: Int, end: Int) {
        let text = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
        tokens.append(NormalizedToken(text: text, range: start..<end))
    }
}
