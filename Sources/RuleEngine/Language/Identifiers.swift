/// Ids and the names derived from them.
enum Identifiers {
    /// Ids are `[a-z0-9][a-z0-9_-]*`.
    static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowerAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy {
            isLowerAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// The default id of a name: its normalized tokens joined by `-`
    /// (`Khalil Haqqani` → `khalil-haqqani`, `Ḥaqqānī` → `haqqani`).
    static func slug(of name: String) -> String {
        Normalizer.words(of: name).joined(separator: "-")
    }

    /// The closest of `candidates` to `word`, when close enough to be a likely typo.
    static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= max(2, word.count / 3), distance < word.count,
                distance < (best?.1 ?? Int.max)
            {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// " (did you mean x?)" or "".
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        suggestion(for: word, among: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    private static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left)
        let right = Array(right)
        if left.isEmpty { return right.count }
        var previous = Array(0...right.count)
        for (leftIndex, leftCharacter) in left.enumerated() {
            var current = [leftIndex + 1] + Array(repeating: 0, count: right.count)
            for (rightIndex, rightCharacter) in right.enumerated() {
                let substitution = previous[rightIndex] + (leftCharacter == rightCharacter ? 0 : 1)
                current[rightIndex + 1] = min(
                    substitution, previous[rightIndex + 1] + 1, current[rightIndex] + 1)
            }
            previous = current
        }
        return previous[right.count]
    }
}
