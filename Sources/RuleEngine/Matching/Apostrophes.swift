/// Apostrophes, and what they do to the words around them. Reporters and
/// transliterations write the same name with different apostrophes, or none
/// (`Hay'at`, `Hay’at`, `Hayʼat`, `Hayat`), so an apostrophe inside a word
/// never separates it:
///
/// - between two letters or digits it joins them: `Shara’a` is `sharaa`,
///   `O'Brien` is `obrien`, `Qurʾan` is `quran`;
/// - a possessive `’s` belongs to the word before it and is dropped, so that
///   `Prigozhin’s` is the one word `prigozhin`;
/// - after an elided French, Italian or Catalan article or preposition (`l’`,
///   `d’`, `qu’`, `dell’`) it separates, as a reader does: `l’Afghanistan` is
///   `l afghanistan`;
/// - at the edge of a word, where it is a quotation mark (`'Kabul'`,
///   `rebels’`), it separates.
enum Apostrophes {
    /// The characters written as apostrophes: the ASCII apostrophe and grave
    /// accent, the acute accent, the modifier letters of transliteration (ʹ ʻ ʼ
    /// ʽ ʾ ʿ, which also stand for ʿayn and hamza), the single quotation marks
    /// ‘ ’ ‛, the prime ′, the Armenian apostrophe, the Hebrew geresh, and the
    /// full-width apostrophe and grave accent.
    @inline(__always)
    static func contains(_ value: UInt32) -> Bool {
        switch value {
        case 0x27, 0x60, 0xB4, 0x2B9, 0x2BB, 0x2BC, 0x2BD, 0x2BE, 0x2BF, 0x55A, 0x5F3, 0x2018,
            0x2019, 0x201B, 0x2032, 0xFF07, 0xFF40:
            true
        default: false
        }
    }

    /// Words written elided before an apostrophe, folded: French (`l’État`,
    /// `d’Al-Qaïda`, `qu’il`, `jusqu’à`), Italian (`dell’Isis`, `nell’area`,
    /// `quest’anno`) and Catalan (`l’Estat`, `d’Alep`).
    static let elisions: [[UInt8]] = [
        "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
        "presqu", "quelqu", "dell", "dall", "nell", "sull", "all", "coll", "dagl", "degl",
        "negl", "sugl", "quell", "quest", "nessun", "un", "sant",
    ].map { Array($0.utf8) }

    /// The longest elided word, so that longer words are not compared at all.
    static let longestElision = elisions.map(\.count).max() ?? 0

    /// Whether the folded word `bytes` is an elided word.
    static func isElision(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.count <= longestElision else { return false }
        return elisions.contains { elision in
            elision.count == bytes.count && bytes.indices.allSatisfy { bytes[$0] == elision[$0] }
        }
    }

    /// `text` without its apostrophes (`Ra's al-Ayn` → `Ras al-Ayn`): the other
    /// way a name written with one is spelled.
    static func removed(from text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !contains($0.value) })
        return String(scalars)
    }
}
