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
        } else if EncodingSniffer.looksLikeEBCDIC(bytes) {
            // The declaration is in EBCDIC too: read it through the common
            // code page, which agrees with the others on its characters.
            if case .success(let head) = LibXML2Functions.convertToUTF8(
                Array(bytes.prefix(256)), from: "IBM037"),
                let declared = EncodingSniffer.declaredEncoding(head)
            {
                candidates.append((declared, "XML declaration"))
            }
            candidates.append(("IBM037", "byte layout"))
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
