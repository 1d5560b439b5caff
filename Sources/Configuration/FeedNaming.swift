import Foundation

/// Names and tags for feeds that come from elsewhere (an OPML list, a web
/// page): made valid for feeds.conf (letters, digits, `-`, `_`, `.`) and,
/// for names, unique.
public enum FeedNaming {
    /// The longest name made; a long title is cut at a word.
    static let maximumLength = 40

    /// `title` as a name: itself when it is one already (lowercase letters,
    /// digits, `-`, `_`, `.`); otherwise lowercase ASCII words joined by `-` (accents
    /// dropped); the host of `url` when the title leaves nothing (a title in
    /// another script); `-2`, `-3`… when `taken`
    /// (compared without case) already holds it.
    public static func name(for title: String?, url: URL?, taken: Set<String>) -> String {
        let takenLowercased = Set(taken.map { $0.lowercased() })
        // A title that already is a name (as `feeds export` writes them) stays as it is.
        let trimmed = title?.trimmingCharacters(in: .whitespaces) ?? ""
        let isName =
            !trimmed.isEmpty && trimmed.count <= maximumLength
            && trimmed.allSatisfy {
                $0.isASCII && ($0.isLowercase || $0.isNumber || "-_.".contains($0))
            }
        var base = isName ? trimmed : slug(trimmed)
        if base.isEmpty, let host = url?.host {
            base = slug(host.hasPrefix("www.") ? String(host.dropFirst(4)) : host)
        }
        if base.isEmpty { base = "feed" }
        var candidate = base
        var number = 2
        while takenLowercased.contains(candidate.lowercased()) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }

    /// A folder title as a tag: the same words as a name; nil when it has no
    /// ASCII letter or digit once accents are dropped.
    public static func tag(for folder: String) -> String? {
        let tag = slug(folder)
        return tag.isEmpty ? nil : tag
    }

    /// Lowercase ASCII letters and digits in runs joined by `-`, at most `maximumLength`.
    static func slug(_ text: String) -> String {
        let latin = text.folding(options: [.diacriticInsensitive], locale: nil)
        var words: [String] = []
        var word = ""
        for character in latin.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var result = ""
        for word in words {
            let next = result.isEmpty ? word : result + "-" + word
            if next.count > maximumLength {
                if result.isEmpty { result = String(word.prefix(maximumLength)) }
                break
            }
            result = next
        }
        return result
    }
}
