/// The words of a text as the rules see them (normalized, as `Normalizer`
/// makes them), for other stages that compare texts, such as story grouping.
public enum TextWords {
    public static func of(_ text: String) -> [String] {
        Normalizer.words(of: text)
    }
}
