import Foundation

/// Turns a document's bytes into UTF-8, whatever they were written in.
///
/// Candidates, in order: the byte order mark, UTF-16/32 recognised by layout,
/// the HTTP charset (it wins over a wrong declaration), the XML declaration,
/// then UTF-8, then a guess between windows-1251 and windows-1252 (which
/// accept any byte). The first that decodes the bytes without error wins.
/// Passing over a named encoding, guessing, or two sources naming different
/// encodings is one warning, saying what was read instead.
///
/// Two kinds of mislabelling are read as meant. Bytes that a single-byte
/// encoding (ISO-8859-1, windows-1252…) is named for but that are UTF-8 by
/// `UTF8Evidence`, perhaps with a few stray bytes, are read as UTF-8, each
/// stray byte as windows-1252; so are bytes that UTF-8 is the candidate for
/// with such strays. And bytes that are valid UTF-8 and declared UTF-8 are
/// read as UTF-8 whatever the HTTP charset says.
enum DocumentDecoder {
    struct Decoded {
        var utf8: [UInt8]
        /// The encoding that worked, as feedwatch names it.
        var encoding: String
        var warnings: [String]
        /// UTF-8 taken on trust, not yet checked (see `decode`'s `trustingUTF8`).
        var isUncheckedUTF8 = false
    }

    /// Where a candidate encoding comes from.
    private enum Source: String {
        case byteOrderMark = "byte order mark"
        case byteLayout = "byte layout"
        case httpCharset = "HTTP charset"
        case declaration = "XML declaration"
        case utf8Default = "default"
        case fallback = "fallback"

        /// The document or its server named this encoding.
        var isNamed: Bool { self != .utf8Default && self != .fallback }
    }

    private struct Candidate {
        var name: String
        var source: Source
    }

    /// - Parameter trustingUTF8: take bytes that UTF-8 is the candidate for
    ///   as UTF-8 without checking them. libxml2 checks every character it
    ///   reads and reports a bad one, so an XML parse can check afterwards,
    ///   only when libxml2 complained, instead of reading every document twice.
    static func decode(_ bytes: [UInt8], contentType: String?, trustingUTF8: Bool = false)
        -> Decoded
    {
        var body = bytes
        var candidates: [Candidate] = []
        if let (encoding, length) = EncodingSniffer.byteOrderMark(bytes) {
            body = Array(bytes[length...])
            candidates.append(Candidate(name: encoding, source: .byteOrderMark))
        } else if let wide = EncodingSniffer.unmarkedWideEncoding(bytes) {
            candidates.append(Candidate(name: wide, source: .byteLayout))
        } else if EncodingSniffer.looksLikeEBCDIC(bytes) {
            // The declaration is in EBCDIC too: read it through the common
            // code page, which agrees with the others on its characters.
            if case .success(let head) = LibXML2Functions.convertToUTF8(
                Array(bytes.prefix(256)), from: "IBM037"),
                let declared = EncodingSniffer.declaredEncoding(head)
            {
                candidates.append(Candidate(name: declared, source: .declaration))
            }
            candidates.append(Candidate(name: "IBM037", source: .byteLayout))
        }
        // Without a mark or a telling layout, the declaration is readable as ASCII.
        let declarationIsReadable = candidates.isEmpty
        if let charset = EncodingSniffer.charset(fromContentType: contentType) {
            candidates.append(Candidate(name: charset, source: .httpCharset))
        }
        if declarationIsReadable, let declared = EncodingSniffer.declaredEncoding(bytes) {
            candidates.append(Candidate(name: declared, source: .declaration))
        }
        candidates.append(Candidate(name: "UTF-8", source: .utf8Default))
        candidates.append(Candidate(name: "guess", source: .fallback))
        candidates.append(Candidate(name: "windows-1252", source: .fallback))

        var problems: [String] = []
        var tried: Set<String> = []
        // Labels matter only to bytes above 0x7F. The evidence is looked at
        // once, and only when a candidate raises the question.
        let hasHighBytes = body.contains { $0 >= 0x80 }
        var measured: UTF8Evidence?
        func evidence() -> UTF8Evidence {
            if let measured { return measured }
            let evidence = UTF8Evidence(body)
            measured = evidence
            return evidence
        }
        for (position, candidate) in candidates.enumerated() {
            // Guessing costs a pass over the bytes: only when UTF-8 failed.
            let name =
                candidate.name == "guess"
                ? (CyrillicGuess.looksCyrillic(body) ? "windows-1251" : "windows-1252")
                : canonicalName(candidate.name)
            guard tried.insert(name).inserted else { continue }
            if candidate.source.isNamed, isSingleByte(name), hasHighBytes,
                evidence().favoursUTF8(labelledUTF8: false)
            {
                return misread(body, evidence: evidence(), problems: problems, by: candidate)
            }
            if candidate.source == .httpCharset, name != "UTF-8", hasHighBytes,
                candidates[(position + 1)...].contains(where: {
                    $0.source == .declaration && canonicalName($0.name) == "UTF-8"
                }), evidence().isValidUTF8
            {
                problems.append(
                    "the HTTP charset (\(candidate.name)) and the XML declaration (UTF-8) disagree, and the bytes are UTF-8"
                )
                continue
            }
            let unchecked = trustingUTF8 && name == "UTF-8"
            switch unchecked ? .success(body) : convert(body, from: name) {
            case .success(let utf8):
                var notes = problems
                if candidate.source.isNamed {
                    notes += disagreements(
                        with: candidate, named: name, among: candidates[(position + 1)...],
                        body: body)
                }
                let guess = candidate.source == .fallback ? ", a guess" : ""
                let warnings =
                    notes.isEmpty
                    ? [] : [notes.joined(separator: "; ") + "; read as \(name)\(guess)"]
                return Decoded(
                    utf8: utf8, encoding: name, warnings: warnings, isUncheckedUTF8: unchecked)
            case .failure(.unknownEncoding):
                problems.append(
                    "unknown encoding \"\(candidate.name)\" in the \(candidate.source.rawValue)")
            case .failure(.invalidBytes):
                if name == "UTF-8", evidence().favoursUTF8(labelledUTF8: true) {
                    return misread(body, evidence: evidence(), problems: problems, by: candidate)
                }
                let place = name == "UTF-8" ? invalidUTF8Place(body) : ""
                if candidate.source.isNamed {
                    problems.append(
                        "the bytes are not valid \(candidate.name)\(place) as the \(candidate.source.rawValue) says"
                    )
                } else if problems.isEmpty {
                    problems.append(
                        "the bytes are not valid UTF-8\(place) and no encoding is declared")
                } else {
                    problems.append("nor UTF-8\(place)")
                }
            }
        }
        // Unreachable in practice: windows-1252 decodes every byte.
        return Decoded(
            utf8: WindowsLatin1.utf8(from: body), encoding: "windows-1252",
            warnings: [problems.joined(separator: "; ") + "; read as windows-1252"])
    }

    /// Bytes that are UTF-8 by `evidence`, though `candidate` named another
    /// encoding or they hold stray bytes: read as UTF-8, strays as windows-1252.
    private static func misread(
        _ body: [UInt8], evidence: UTF8Evidence, problems: [String], by candidate: Candidate
    ) -> Decoded {
        var note =
            canonicalName(candidate.name) == "UTF-8"
            ? "the bytes are not all valid UTF-8"
            : "the \(candidate.source.rawValue) says \(candidate.name) but the bytes are UTF-8"
        let count = evidence.strayBytes
        note +=
            " (\(evidence.sequences) character\(evidence.sequences == 1 ? "" : "s") in UTF-8, "
            + "\(count) stray byte\(count == 1 ? "" : "s"))"
        var outcome = "read as UTF-8"
        if let first = evidence.firstStray {
            outcome +=
                ", the stray byte\(count == 1 ? "" : "s") as windows-1252 "
                + (count == 1 ? "at" : "first at")
                + " line \(DocumentLines.line(of: first, in: body))"
        }
        return Decoded(
            utf8: evidence.isValidUTF8 ? body : UTF8Evidence.decodeRepairingStrays(body),
            encoding: "UTF-8",
            warnings: [(problems + [note]).joined(separator: "; ") + "; " + outcome])
    }

    /// Encodings of one byte per character, which any bytes decode in: a
    /// label of one of them proves nothing about the bytes.
    private static func isSingleByte(_ name: String) -> Bool {
        name == "windows-1252" || name.hasPrefix("windows-125") || name.hasPrefix("cp125")
            || name.hasPrefix("iso-8859-") || name.hasPrefix("iso8859-") || name.hasPrefix("koi8")
    }

    /// The HTTP charset or declaration after `winner` naming another encoding, in words,
    /// when the difference can matter (some byte is not ASCII).
    private static func disagreements(
        with winner: Candidate, named name: String, among later: ArraySlice<Candidate>,
        body: [UInt8]
    ) -> [String] {
        // A layout is what the bytes look like, not a claim that can be wrong:
        // EBCDIC's layout names only the common code page.
        let others = later.filter {
            ($0.source == .httpCharset || $0.source == .declaration)
                && canonicalName($0.name) != name
        }
        guard !others.isEmpty, body.contains(where: { $0 >= 0x80 }) else { return [] }
        return others.map { other in
            "the \(winner.source.rawValue) (\(winner.name)) and the \(other.source.rawValue) (\(other.name)) disagree"
        }
    }

    /// ` (line N)`: where the first byte that is not UTF-8 is.
    private static func invalidUTF8Place(_ bytes: [UInt8]) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return ""
            case .error: return " (line \(DocumentLines.line(of: offset, in: bytes)))"
            }
        }
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
