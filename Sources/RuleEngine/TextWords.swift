/// The words of a text as the rules see them (normalized, as `Normalizer`
/// makes them), for other stages that compare texts, such as story grouping.
///
/// The rules read every character of a script written without spaces as a
/// token of its own; here a run of such characters stays one word (`王毅会见`),
/// as between spaces, so that a word still says something about the text.
public enum TextWords {
    public static func of(_ text: String) -> [String] {
        var words: [String] = []
        var previous: NormalizedToken?
        for token in Normalizer.tokens(of: text) {
            if let last = previous, last.isSpaceless, token.isSpaceless,
                last.range.upperBound == token.range.lowerBound
            {
                words[words.count - 1] += token.text
            } else {
                words.append(token.text)
            }
            previous = token
        }
        return words
    }
}
