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
}

/// The one normalization for item text and rule terms alike: NFKC, case
/// folding, diacritics removed, every non-letter-or-digit a token break.
/// Tokens are maximal runs of letters and digits.
///
/// Item text is mostly ASCII, so bytes below 0x80 are folded through a table
/// without leaving UTF-8; only a run holding non-ASCII goes scalar by scalar
/// through `CharacterFolding`.
enum Normalizer {
    /// ASCII folding: 0 for a token break, else the lower-cased byte.
    static let asciiTable: [UInt8] = (0..<128).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x30...0x39, 0x61...0x7A: UInt8(byte)
        case 0x41...0x5A: UInt8(byte + 0x20)
        default: 0
        }
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
                scan(utf8: utf8, table: table, into: &sink)
            }
        }
    }

    private static func scan<Sink: NormalizedTokenSink>(
        utf8: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, into sink: inout Sink
    ) {
        let count = utf8.count
        guard count > 0, let text = utf8.baseAddress else { return }
        var capacity = 256
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { scratch.deallocate() }
        var index = 0
        while index < count {
            let byte = text[index]
            if byte >= 0x80 {
                index = scanMixedRun(utf8: utf8, from: index, table: table, into: &sink)
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
                if length &+ 16 >= capacity { grow(&scratch, &capacity, length) }
                let word = UInt64(
                    littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt64.self))
                let breaks = ~SWAR.letterOrDigitMask(word) & SWAR.highBits
                // Letters and digits all have 0x20 set once folded: one OR folds eight bytes.
                UnsafeMutableRawPointer(scratch + length).storeBytes(
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
                // Keep spare bytes after the token for the hash's masked load.
                if length &+ 16 >= capacity { grow(&scratch, &capacity, length) }
                scratch[length] = folded
                length &+= 1
                end &+= 1
            }
            if end < count && text[end] >= 0x80 {
                // The token goes on in non-ASCII letters (`Ḥaqqānī`): take the slow path.
                index = scanMixedRun(utf8: utf8, from: start, table: table, into: &sink)
                continue
            }
            sink.token(
                UnsafeBufferPointer(start: scratch, count: length).span,
                hash: TokenHash.hashPadded(scratch, length), start: start, end: end)
            index = end
        }
    }

    private static func grow(
        _ scratch: inout UnsafeMutablePointer<UInt8>, _ capacity: inout Int, _ length: Int
    ) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: scratch, count: length)
        scratch.deallocate()
        scratch = larger
        capacity *= 2
    }

    /// Scans from `start` to the next ASCII token break, scalar by scalar; returns where it stopped.
    private static func scanMixedRun<Sink: NormalizedTokenSink>(
        utf8: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafeBufferPointer<UInt8>,
        into sink: inout Sink
    ) -> Int {
        var run = MixedRun(capacity: 64)
        defer { run.deallocate() }
        let folding = CharacterFolding.shared
        var index = start
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte < 0x80 {
                let folded = table[Int(byte)]
                if folded == 0 { break }
                run.append(folded, from: index, to: index &+ 1)
                index &+= 1
                continue
            }
            let (value, length) = decodeScalar(utf8, at: index)
            let scalarEnd = index &+ length
            if let entry = folding.flatFold(value), entry.kind != .pieces {
                switch entry.kind {
                case .ignorable: break
                case .tokenBreak: run.flush(into: &sink)
                case .letters: run.append(folding.bytes(of: entry), from: index, to: scalarEnd)
                case .pieces: break
                }
            } else {
                apply(folding.fold(Unicode.Scalar(value) ?? "\u{FFFD}"))
            }
            func apply(_ folded: FoldedScalar) {
                switch folded {
                case .ignorable: break
                case .tokenBreak: run.flush(into: &sink)
                case .letters(let bytes):
                    bytes.withUnsafeBufferPointer { run.append($0, from: index, to: scalarEnd) }
                case .pieces(let pieces): pieces.forEach(apply)
                }
            }
            index = scalarEnd
        }
        run.flush(into: &sink)
        return index
    }

    /// The token being read by `scanMixedRun`: folded bytes (with spare room for
    /// the hash's masked load) and where it started and ended in the text.
    private struct MixedRun {
        var bytes: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var length = 0
        var start = 0
        var end = 0

        init(capacity: Int) {
            self.capacity = capacity
            bytes = .allocate(capacity: capacity)
        }

        func deallocate() { bytes.deallocate() }

        @inline(__always)
        mutating func append(_ byte: UInt8, from scalarStart: Int, to scalarEnd: Int) {
            reserve(1)
            if length == 0 { start = scalarStart }
            bytes[length] = byte
            length &+= 1
            end = scalarEnd
        }

        @inline(__always)
        mutating func append(
            _ folded: UnsafeBufferPointer<UInt8>, from scalarStart: Int, to scalarEnd: Int
        ) {
            guard let base = folded.baseAddress, !folded.isEmpty else { return }
            reserve(folded.count)
            if length == 0 { start = scalarStart }
            (bytes + length).update(from: base, count: folded.count)
            length &+= folded.count
            end = scalarEnd
        }

        private mutating func reserve(_ extra: Int) {
            guard length &+ extra &+ 8 > capacity else { return }
            var larger = capacity * 2
            while length + extra + 8 > larger { larger *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            grown.update(from: bytes, count: length)
            bytes.deallocate()
            bytes = grown
            capacity = larger
        }

        mutating func flush<Sink: NormalizedTokenSink>(into sink: inout Sink) {
            guard length > 0 else { return }
            sink.token(
                UnsafeBufferPointer(start: bytes, count: length).span,
                hash: TokenHash.hashPadded(bytes, length), start: start, end: end)
            length = 0
        }
    }

    /// Decodes the scalar at `index` of valid UTF-8 (Swift strings always are);
    /// a stray byte reads as U+FFFD so that no input can trap.
    @inline(__always)
    private static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        UInt32, Int
    ) {
        let lead = UInt32(utf8[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0..<0xE0: (length, value) = (2, lead & 0x1F)
        case 0xE0..<0xF0: (length, value) = (3, lead & 0x0F)
        case 0xF0..<0xF8: (length, value) = (4, lead & 0x07)
        default: return (0xFFFD, 1)
        }
        guard index + length <= utf8.count else { return (0xFFFD, 1) }
        for offset in 1..<length {
            value = value << 6 | (UInt32(utf8[index + offset]) & 0x3F)
        }
        return (value, length)
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

/// The hash of a token's folded bytes, eight bytes at a time: the matcher hashes
/// every token of every item, so no per-byte multiply chain.
enum TokenHash {
    @inline(__always)
    private static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xff51_afd7_ed55_8ccd
        return mixed ^ (mixed >> 32)
    }

    /// The hash of `count` bytes at `base`, which must be followed by at least
    /// 7 readable bytes (the normalizer's buffer is): the tail is one masked load.
    @inline(__always)
    fileprivate static func hashPadded(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9e37_79b9_7f4a_7c15
        var offset = 0
        let raw = UnsafeRawPointer(base)
        while offset &+ 8 <= count {
            hash = mix(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset &+= 8
        }
        let remaining = count &- offset
        if remaining > 0 {
            // Which bytes the mask keeps depends on byte order, but every hash goes
            // through here, so text and terms always agree.
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = mix(hash, word & ((1 << UInt64(remaining &* 8)) &- 1))
        }
        return hash
    }

    /// The same hash for bytes without padding (the token table's, built once).
    static func hash(_ bytes: Span<UInt8>) -> UInt64 {
        var padded = bytes.withUnsafeBufferPointer { Array($0) }
        padded += repeatElement(0, count: 8)
        return padded.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return hashPadded(base, bytes.count)
        }
    }
}

/// Byte-parallel arithmetic on eight ASCII bytes in a word (bit twiddling's
/// `hasbetween`, exact per byte for bytes below 0x80).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x7f7f_7f7f_7f7f_7f7f
    static let caseBits: UInt64 = 0x2020_2020_2020_2020

    /// The high bit of each byte `b` with `low < b < high` and `b < 0x80`.
    @inline(__always)
    static func between(_ word: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
        let low7 = word & lowBits
        return ((ones &* (127 &+ high)) &- low7) & ~word & (low7 &+ ones &* (127 &- low)) & highBits
    }

    /// The high bit of each byte that is an ASCII letter or digit.
    @inline(__always)
    static func letterOrDigitMask(_ word: UInt64) -> UInt64 {
        between(word, 0x2f, 0x3a) | between(word | caseBits, 0x60, 0x7b)
    }
}
