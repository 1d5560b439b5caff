import Foundation

/// Turns a document's bytes into UTF-8, whatever they were written in.
///
/// Candidates, in order: the byte order mark, UTF-16/32 recognised by layout,
/// the HTTP charset (it wins over a wrong declaration), the XML declaration,
/// then UTF-8, then windows-1252 (which accepts any byte). The first that
/// decodes the bytes without error wins; passing over a named one is a warning.
enum DocumentDecoder {
    struct Decoded {
        var utf8: [UInt8]
        /// The encoding that worked, as feedwatch names it.
        var encoding: String
        var warnings: [String]
    }

    static func decode(_ bytes: [UInt8], contentType: String?) -> Decoded {
        var warnings: [String] = []
        var body = bytes
        var candidates: [(name: String, source: String)] = []
        if let (encoding, length) = EncodingSniffer.byteOrderMark(bytes) {
            body = Array(bytes[length...])
            candidates.append((encoding, "byte order mark"))
        } else if let wide = EncodingSniffer.unmarkedWideEncoding(bytes) {
            candidates.append((wide, "byte layout"))
        }
        if let charset = EncodingSniffer.charset(fromContentType: contentType) {
            candidates.append((charset, "HTTP charset"))
        }
        if candidates.isEmpty, let declared = EncodingSniffer.declaredEncoding(bytes) {
            candidates.append((declared, "XML declaration"))
        }
        candidates.append(("UTF-8", "default"))
        candidates.append(("guess", "fallback"))
        candidates.append(("windows-1252", "fallback"))

        var tried: Set<String> = []
        for candidate in candidates {
            // Guessing costs a pass over the bytes: only when UTF-8 failed.
            let name =
                candidate.name == "guess"
                ? (CyrillicGuess.looksCyrillic(body) ? "windows-1251" : "windows-1252")
                : canonicalName(candidate.name)
            guard tried.insert(name).inserted else { continue }
            switch convert(body, from: name) {
            case .success(let utf8):
                if candidate.source == "fallback" {
                    warnings.append("read as \(name)")
                }
                return Decoded(utf8: utf8, encoding: name, warnings: warnings)
            case .failure(.unknownEncoding):
                warnings.append(
                    "unknown encoding \"\(candidate.name)\" (\(candidate.source)); read as another")
            case .failure(.invalidBytes):
                if candidate.source != "default" {
                    warnings.append(
                        "bytes are not valid \(candidate.name) (\(candidate.source)); read as another encoding"
                    )
                } else {
                    warnings.append(
                        "bytes are not valid UTF-8 and no encoding is declared; guessed")
                }
            }
        }
        // Unreachable in practice: windows-1252 decodes every byte.
        return Decoded(
            utf8: WindowsLatin1.utf8(from: body), encoding: "windows-1252", warnings: warnings)
    }

    /// One spelling per encoding; ISO-8859-1 and ASCII read as their
    /// supersets, as browsers do, since publishers mislabel them constantly.
    static func canonicalName(_ name: String) -> String {
        let lowered = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch lowered {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968", "iso-10646-utf-8",
            "unicode-1-1-utf-8":
            return "UTF-8"
        case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "latin1", "latin-1",
            "l1",
            "iso_8859-1", "iso-ir-100", "ibm819", "cp819", "csisolatin1":
            return "windows-1252"
        case "utf-16", "utf16": return "UTF-16"
        default: return lowered
        }
    }

    private static func convert(_ bytes: [UInt8], from name: String) -> Result<
        [UInt8], LibXML2Functions.ConversionFailure
    > {
        switch name {
        case "UTF-8":
            return String(validating: bytes, as: UTF8.self) == nil
                ? .failure(.invalidBytes) : .success(bytes)
        case "windows-1252":
            return .success(WindowsLatin1.utf8(from: bytes))
        case "UTF-16":
            // No mark reached here: XML says big-endian then, but the
            // layout check already caught the common little-endian case.
            return LibXML2Functions.convertToUTF8(bytes, from: "UTF-16BE")
        default:
            return LibXML2Functions.convertToUTF8(bytes, from: name)
        }
    }
}

/// windows-1252, decoded here rather than through iconv because iconv
/// refuses its five unassigned bytes, and this is the decoder of last resort.
enum WindowsLatin1 {
    private static let high: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// The scalar value a byte stands for in windows-1252.
    static func scalar(_ byte: UInt8) -> UInt32 {
        (0x80..<0xA0).contains(byte) ? UInt32(high[Int(byte - 0x80)]) : UInt32(byte)
    }

    static func utf8(from bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = scalar(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return output
    }
}

/// Tells undeclared windows-1251 (Russian, Ukrainian, Bulgarian…) from
/// windows-1252: Cyrillic text is made of runs of high bytes, while Western
/// text has an accented letter here and there among ASCII ones.
enum CyrillicGuess {
    static func looksCyrillic(_ bytes: [UInt8]) -> Bool {
        var high = 0
        var inRuns = 0
        var run = 0
        for byte in bytes {
            if byte >= 0xC0 {
                high += 1
                run += 1
                if run == 3 { inRuns += 3 } else if run > 3 { inRuns += 1 }
            } else {
                run = 0
            }
        }
        return high >= 6 && inRuns * 2 > high
    }
}
