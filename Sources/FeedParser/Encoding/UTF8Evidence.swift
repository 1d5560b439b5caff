/// How much of a document's non-ASCII is UTF-8: the test that tells a UTF-8
/// document mislabelled as Latin-1 (or carrying a few stray Latin-1 bytes)
/// from a genuine Latin-1 one.
///
/// Every byte above 0x7F either belongs to a well-formed UTF-8 sequence or is
/// a stray. In Latin-1 (and windows-1252) text a sequence forms only by
/// accident: an accented letter is one byte, nearly always followed by an
/// ASCII letter, and lower-case ones (0xE0–0xFF) would need two or three
/// continuation bytes in a row; only an upper-case accented letter directly
/// followed by punctuation such as ’ or » makes a valid pair. In UTF-8 text a
/// stray byte is the accident: pasted from elsewhere. Both accidents being
/// rare and about as rare as each other, the likelier reading is UTF-8 when
/// the sequences outnumber the stray bytes; on a tie the label is believed
/// (a byte order mark, declaration or HTTP charset naming UTF-8, or none,
/// since XML's default is UTF-8, against a label naming another encoding).
/// A Latin-1 document is misread only when accidental pairs are most of its
/// non-ASCII characters, which takes a text of one or two such words.
struct UTF8Evidence {
    /// Well-formed multi-byte sequences: characters above U+007F.
    private(set) var sequences = 0
    /// Bytes above 0x7F that are not.
    private(set) var strayBytes = 0
    /// The offset of the first stray byte, for warnings.
    private(set) var firstStray: Int?

    init(_ bytes: [UInt8]) {
        sequences = Self.walk(bytes) { offset in
            if firstStray == nil { firstStray = offset }
            strayBytes += 1
        }
    }

    /// Every byte is ASCII or part of a well-formed sequence.
    var isValidUTF8: Bool { strayBytes == 0 }

    /// More UTF-8 sequences than stray bytes, or as many when the label
    /// says UTF-8 (see the type's comment).
    func favoursUTF8(labelledUTF8: Bool) -> Bool {
        sequences > 0 && (labelledUTF8 ? sequences >= strayBytes : sequences > strayBytes)
    }

    /// The bytes as UTF-8, each stray byte read as the windows-1252
    /// character it stands for.
    static func decodeRepairingStrays(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        var copiedUpTo = 0
        walk(bytes) { offset in
            output.append(contentsOf: bytes[copiedUpTo..<offset])
            output.append(contentsOf: WindowsLatin1.utf8(from: [bytes[offset]]))
            copiedUpTo = offset + 1
        }
        output.append(contentsOf: bytes[copiedUpTo...])
        return output
    }

    /// Steps over `bytes` by UTF-8's rule, calling `stray` with the offset of
    /// each byte above 0x7F outside a well-formed sequence; returns how many
    /// well-formed multi-byte sequences there were. The one reading both the
    /// evidence and the repair use, so that they agree on every byte.
    @discardableResult
    private static func walk(_ bytes: [UInt8], stray: (Int) -> Void) -> Int {
        var sequences = 0
        var index = 0
        let count = bytes.count
        while index < count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let length = UTF8Sequence.length(in: bytes, at: index)
            if length > 0 {
                sequences += 1
                index += length
            } else {
                stray(index)
                index += 1
            }
        }
        return sequences
    }
}
