/// The scripts written without spaces between words: Han, Hiragana and
/// Katakana, and the scripts of Southeast Asia that Unicode's line breaking
/// treats alike (Thai, Lao, Khmer, Myanmar, Tai Le, New Tai Lue, Tai Tham, Tai
/// Viet). Nothing in such text marks where a word ends, so every character is a
/// token of its own, and a name is the sequence of its characters: it matches
/// wherever the sequence stands in a run of the script.
///
/// Other scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Hangul, Devanagari…)
/// separate words with spaces and keep whole-word tokens.
enum SpacelessScripts {
    /// Whether the scalar `value` (after folding) belongs to such a script.
    /// (`CharacterFolding` still reads their decimal digits as words, as digits
    /// are in any script.)
    @inline(__always)
    static func contains(_ value: UInt32) -> Bool {
        switch value {
        case 0x0E00...0x0EFF,  // Thai, Lao
            0x1000...0x109F,  // Myanmar
            0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer, Khmer symbols
            0x1950...0x19DF,  // Tai Le, New Tai Lue
            0x1A20...0x1AAF,  // Tai Tham
            // 々 〆 〇, Hangzhou numerals, kana repeat marks
            0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x303B...0x303C,
            0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana (with ー)
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
            0xA9E0...0xA9FF, 0xAA60...0xAADF,  // Myanmar extensions, Tai Viet
            0x1B000...0x1B16F,  // Kana supplement and extensions
            0x20000...0x3FFFF:  // Han extensions
            return true
        default:
            return false
        }
    }

    /// Han unified ideographs: no compatibility or case mapping, so each folds
    /// to itself, and the normalizer takes its bytes as they are, without a table.
    @inline(__always)
    static func isUnifiedIdeograph(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || ((0x20000...0x3FFFF).contains(value) && !(0x2F800...0x2FA1F).contains(value))
    }

    /// The kana voicing marks (゛ ゜ as combining marks): unlike other marks they
    /// tell syllables apart (カ ka, ガ ga), so they stay with their kana.
    @inline(__always)
    static func isKanaVoicingMark(_ value: UInt32) -> Bool {
        value == 0x3099 || value == 0x309A
    }

    /// Whether `value` is Hiragana or Katakana (the voiced kana are decomposed,
    /// so that `ガ`, `ｶﾞ` and `カ` + U+3099 read alike).
    @inline(__always)
    static func isKana(_ value: UInt32) -> Bool {
        (0x3040...0x30FF).contains(value) || (0x31F0...0x31FF).contains(value)
    }
}
