/// Turns a written word or phrase (`bomb*`, `"suicide bomb*"`, `al-Qaeda`), or
/// an entity's name or alias (`Пригожин*`), into normalized pattern elements.
enum TextPatternParser {
    /// Letters required before a `*`, so that `a*` cannot match half the language.
    static let minimumPrefixLength = 3

    /// `contentOffset` is how many characters precede the text in the written form (a quote).
    static func term(
        _ text: String, written: String, location: SourceLocation, contentOffset: Int,
        reader: LineReader, problems: inout [RulesProblem]
    ) -> QueryTerm? {
        switch elements(of: text) {
        case .success(let elements):
            return QueryTerm(kind: .text(elements), written: written, location: location)
        case .failure(let failure):
            var at = location
            if let offset = failure.characterOffset { at.column += contentOffset + offset }
            problems.append(RulesProblem(at, failure.message, sourceLine: reader.line.text))
            return nil
        }
    }

    struct Failure: Error {
        var message: String
        /// Where in the text the problem is; nil for the term as a whole.
        var characterOffset: Int?
    }

    static func elements(of text: String) -> Result<[TextPatternElement], Failure> {
        let tokens = Normalizer.tokens(of: text)
        let utf8 = Array(text.utf8)
        func characterOffset(_ utf8Offset: Int) -> Int {
            String(decoding: utf8[0..<utf8Offset], as: UTF8.self).count
        }
        guard !tokens.isEmpty else {
            return .failure(
                Failure(
                    message: "\"\(text)\" has no letters or digits to match", characterOffset: nil))
        }
        let star = UInt8(ascii: "*")
        var elements: [TextPatternElement] = []
        for token in tokens {
            let followedByStar =
                token.range.upperBound < utf8.count && utf8[token.range.upperBound] == star
            if followedByStar && token.isSpaceless {
                // A term in a script without spaces already matches inside a longer
                // run (`王毅` in `王毅会见`): the * adds nothing.
                elements.append(.exact(token.text))
            } else if followedByStar {
                guard token.text.count >= minimumPrefixLength else {
                    return .failure(
                        Failure(
                            message:
                                "a * needs at least \(minimumPrefixLength) letters before it (\(token.text)* would match too much)",
                            characterOffset: characterOffset(token.range.upperBound)))
                }
                elements.append(.prefix(token.text))
            } else {
                elements.append(.exact(token.text))
            }
        }
        // A * may only end a word: not start one, not stand alone, not sit inside one.
        let tokenEnds = Set(tokens.map(\.range.upperBound))
        let tokenStarts = Set(tokens.map(\.range.lowerBound))
        for (offset, byte) in utf8.enumerated() where byte == star {
            if !tokenEnds.contains(offset) || tokenStarts.contains(offset + 1) {
                return .failure(
                    Failure(
                        message:
                            "a * may only end a word, as in bomb* (any word starting with bomb)",
                        characterOffset: characterOffset(offset)))
            }
        }
        return .success(elements)
    }
}
