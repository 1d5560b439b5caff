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
    /// on its last word.
    public static func plural(of noun: String) -> String {
        let lower = noun.lowercased()
        if lower.hasSuffix("y"), let beforeY = lower.dropLast().last, !"aeiou".contains(beforeY) {
            return noun.dropLast() + "ies"
        }
        if ["s", "x", "z", "ch", "sh"].contains(where: { lower.hasSuffix($0) }) {
            return noun + "es"
        }
        return noun + "s"
    }
}
