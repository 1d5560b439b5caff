/// A number with its noun, singular or plural as the number asks ("1 feed",
/// "2 feeds", "0 stories"), so that every count a message shows reads as
/// English: the one place that knows how nouns take the plural.
public enum Counted {
    /// `count` and `noun`: the noun as given for exactly one, otherwise
    /// `plural` when given, else the regular plural (`story` → `stories`,
    /// `match` → `matches`, `feed` → `feeds`).
    public static func phrase(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? Self.plural(of: noun))"
    }

    /// The regular English plural of `noun`; a phrase ("feed state") takes it
    /// on its last word. The ending follows the noun's last letter: a noun
    /// written in capitals stays in capitals ("STORY" → "STORIES"), so an
    /// acronym that takes a lowercase "s" ("URLs") passes `plural` to `phrase`.
    public static func plural(of noun: String) -> String {
        let lower = noun.lowercased()
        let capitals = noun.last(where: \.isLetter)?.isUppercase ?? false
        func ending(_ suffix: String) -> String { capitals ? suffix.uppercased() : suffix }
        if lower.hasSuffix("y"), let beforeY = lower.dropLast().last, !"aeiou".contains(beforeY) {
            return noun.dropLast() + ending("ies")
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { lower.hasSuffix($0) }) {
            return noun + ending("es")
        }
        return noun + ending("s")
    }
}
