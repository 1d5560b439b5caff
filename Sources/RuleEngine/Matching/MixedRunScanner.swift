/// The normalizer's scalar-by-scalar path: from where the ASCII path handed
/// over to the next ASCII token break, it folds each scalar (`CharacterFolding`)
/// and decides what it does to the token being read: letters extend it,
/// invisible characters vanish, a character of a script without spaces is a
/// token of its own, an apostrophe joins or separates (`Apostrophes`).
struct MixedRunScanner {
    private let utf8: UnsafeBufferPointer<UInt8>
    private let table: UnsafeBufferPointer<UInt8>
    private let folding = CharacterFolding.shared
    private var run: TokenRun

    private init(
        utf8: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, buffer: TokenBuffer
    ) {
        self.utf8 = utf8
        self.table = table
        self.run = TokenRun(buffer: buffer)
    }

    /// Scans from `start` to the next ASCII token break; returns where it stopped.
    static func scan<Sink: NormalizedTokenSink>(
        utf8: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafeBufferPointer<UInt8>,
        buffer: inout TokenBuffer, into sink: inout Sink
    ) -> Int {
        var scanner = MixedRunScanner(utf8: utf8, table: table, buffer: buffer)
        let end = scanner.scan(from: start, into: &sink)
        buffer = scanner.run.buffer
        return end
    }

    private mutating func scan<Sink: NormalizedTokenSink>(from start: Int, into sink: inout Sink)
        -> Int
    {
        var index = start
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte < 0x80 {
                let folded = table[Int(byte)]
                if folded != 0 {
                    if run.isSpaceless { run.flush(into: &sink) }
                    run.append(folded, from: index, to: index &+ 1)
                    index &+= 1
                    continue
                }
                // Any other ASCII character ends the stretch; the ASCII path goes on.
                guard byte == 0x27 || byte == 0x60 else { break }
                index = apostrophe(endingAt: index &+ 1, into: &sink)
                continue
            }
            let (value, length) = decodeScalar(at: index)
            let scalarEnd = index &+ length
            if SpacelessScripts.isUnifiedIdeograph(value) {
                run.flush(into: &sink)
                run.append(
                    UnsafeBufferPointer(rebasing: utf8[index..<scalarEnd]), from: index,
                    to: scalarEnd)
                run.isSpaceless = true
            } else if let entry = folding.flatFold(value), entry.kind != .pieces {
                if entry.kind == .apostrophe {
                    index = apostrophe(endingAt: scalarEnd, into: &sink)
                    continue
                }
                take(entry.kind, folding.bytes(of: entry), from: index, to: scalarEnd, into: &sink)
            } else {
                let folded = folding.fold(Unicode.Scalar(value) ?? "\u{FFFD}")
                if case .apostrophe = folded {
                    index = apostrophe(endingAt: scalarEnd, into: &sink)
                    continue
                }
                take(folded, from: index, to: scalarEnd, into: &sink)
            }
            index = scalarEnd
        }
        run.flush(into: &sink)
        return index
    }

    /// What a folded scalar does to the token being read.
    @inline(__always)
    private mutating func take<Sink: NormalizedTokenSink>(
        _ kind: CharacterFolding.FlatFold.Kind, _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int, to end: Int, into sink: inout Sink
    ) {
        switch kind {
        case .ignorable: break
        case .tokenBreak, .apostrophe, .pieces: run.flush(into: &sink)
        case .letters:
            if run.isSpaceless { run.flush(into: &sink) }
            run.append(bytes, from: start, to: end)
        case .spaceless:
            run.flush(into: &sink)
            run.append(bytes, from: start, to: end)
            run.isSpaceless = true
        case .spacelessMark:
            // A vowel sign stays with its letter; one that begins a token is a token.
            if !run.isSpaceless {
                run.flush(into: &sink)
                run.isSpaceless = true
            }
            run.append(bytes, from: start, to: end)
        }
    }

    private mutating func take<Sink: NormalizedTokenSink>(
        _ folded: FoldedScalar, from start: Int, to end: Int, into sink: inout Sink
    ) {
        switch folded {
        case .ignorable:
            take(.ignorable, .init(start: nil, count: 0), from: start, to: end, into: &sink)
        case .tokenBreak, .apostrophe:
            take(.tokenBreak, .init(start: nil, count: 0), from: start, to: end, into: &sink)
        case .letters(let bytes):
            bytes.withUnsafeBufferPointer { take(.letters, $0, from: start, to: end, into: &sink) }
        case .spaceless(let bytes):
            bytes.withUnsafeBufferPointer {
                take(.spaceless, $0, from: start, to: end, into: &sink)
            }
        case .spacelessMark(let bytes):
            bytes.withUnsafeBufferPointer {
                take(.spacelessMark, $0, from: start, to: end, into: &sink)
            }
        case .pieces(let pieces):
            for piece in pieces { take(piece, from: start, to: end, into: &sink) }
        }
    }

    /// Reads an apostrophe that ends at `end`; returns where to go on. Inside a
    /// word it joins the letters around it, except that a possessive `'s` ends
    /// the word (and is dropped) and an elided word (`l'`, `d'`) ends before it;
    /// anywhere else it is a break.
    private mutating func apostrophe<Sink: NormalizedTokenSink>(
        endingAt end: Int, into sink: inout Sink
    ) -> Int {
        guard run.length > 0, !run.isSpaceless, let next = peek(from: end), next.kind == .letters
        else {
            run.flush(into: &sink)
            return end
        }
        if next.isLetterS && peek(from: next.end)?.kind != .letters {
            run.flush(into: &sink)
            return next.end
        }
        if run.isElision { run.flush(into: &sink) }
        return end
    }

    /// What the next visible scalar from `index` is (invisible ones skipped):
    /// its kind, whether it is the letter s, and where it ends; nil at the end.
    private func peek(from index: Int) -> (
        kind: CharacterFolding.FlatFold.Kind, isLetterS: Bool, end: Int
    )? {
        var index = index
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x80 {
                let folded = table[Int(byte)]
                if folded != 0 { return (.letters, folded == UInt8(ascii: "s"), index &+ 1) }
                let isApostrophe = byte == 0x27 || byte == 0x60
                return (isApostrophe ? .apostrophe : .tokenBreak, false, index &+ 1)
            }
            let (value, length) = decodeScalar(at: index)
            let end = index &+ length
            if SpacelessScripts.isUnifiedIdeograph(value) { return (.spaceless, false, end) }
            var folded = folding.fold(Unicode.Scalar(value) ?? "\u{FFFD}")
            if case .pieces(let pieces) = folded, let first = pieces.first { folded = first }
            switch folded {
            case .ignorable: index = end
            case .letters(let bytes): return (.letters, bytes == [UInt8(ascii: "s")], end)
            case .tokenBreak, .pieces: return (.tokenBreak, false, end)
            case .apostrophe: return (.apostrophe, false, end)
            case .spaceless: return (.spaceless, false, end)
            case .spacelessMark: return (.spacelessMark, false, end)
            }
        }
        return nil
    }

    /// Decodes the scalar at `index` of valid UTF-8 (Swift strings always are);
    /// a stray byte reads as U+FFFD so that no input can trap.
    @inline(__always)
    private func decodeScalar(at index: Int) -> (UInt32, Int) {
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

/// The token `MixedRunScanner` is reading: its folded bytes (in the scan's
/// `TokenBuffer`), where it started and ended in the text, and whether it is a
/// character of a script without spaces.
private struct TokenRun {
    var buffer: TokenBuffer
    var length = 0
    var start = 0
    var end = 0
    var isSpaceless = false

    init(buffer: TokenBuffer) { self.buffer = buffer }

    @inline(__always)
    mutating func append(_ byte: UInt8, from scalarStart: Int, to scalarEnd: Int) {
        buffer.reserve(length, 1)
        if length == 0 { start = scalarStart }
        buffer.bytes[length] = byte
        length &+= 1
        end = scalarEnd
    }

    @inline(__always)
    mutating func append(
        _ folded: UnsafeBufferPointer<UInt8>, from scalarStart: Int, to scalarEnd: Int
    ) {
        guard let base = folded.baseAddress, !folded.isEmpty else { return }
        buffer.reserve(length, folded.count)
        if length == 0 { start = scalarStart }
        (buffer.bytes + length).update(from: base, count: folded.count)
        length &+= folded.count
        end = scalarEnd
    }

    var isElision: Bool {
        Apostrophes.isElision(UnsafeBufferPointer(start: buffer.bytes, count: length).span)
    }

    mutating func flush<Sink: NormalizedTokenSink>(into sink: inout Sink) {
        isSpaceless = false
        guard length > 0 else { return }
        sink.token(
            UnsafeBufferPointer(start: buffer.bytes, count: length).span,
            hash: TokenHash.hashPadded(buffer.bytes, length), start: start, end: end)
        length = 0
    }
}
