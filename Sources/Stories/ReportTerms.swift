/// The content terms of a text: the words that can tell one incident from
/// another, reduced so that spellings of one word meet.
///
/// Function words, reporting verbs, weekdays and house-style labels go; bare
/// numbers go (death tolls rise between reports of one incident); every other
/// word longer than one letter loses its English inflection (plural, -ed,
/// -ing), so that "bombings" and "bombed", "kills" and "killed" meet, and
/// event words meet their synonyms (`EventSynonyms`).
public enum ReportTerms {
    /// `words` are normalized as the rules normalize them (`TextWords.of`).
    public static func of(words: [String]) -> [String] {
        words.compactMap { word in
            guard word.count > 1, !stopwords.contains(word), !word.allSatisfy(\.isNumber) else {
                return nil
            }
            return EventSynonyms.term(for: stem(word))
        }
    }

    /// Harman's S-stemmer (plurals, and a possessive joined to its word, to
    /// the singular), then -ed and -ing off a stem of four letters or more,
    /// with a doubled final consonant undone ("kidnapped", "kidnapping" to
    /// "kidnap"; "killed" keeps its double l).
    public static func stem(_ word: String) -> String {
        let singular = singular(word)
        for suffix in ["ing", "ed"] where singular.hasSuffix(suffix) {
            let base = singular.dropLast(suffix.count)
            guard base.count >= 4, base.contains(where: { "aeiouy".contains($0) }) else { break }
            if let last = base.last, base.dropLast().last == last, !"aeioulsz".contains(last) {
                return String(base.dropLast())
            }
            return String(base)
        }
        return singular
    }

    static func singular(_ word: String) -> String {
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") && !word.hasSuffix("eies") && !word.hasSuffix("aies") {
            return String(word.dropLast(3)) + "y"
        }
        if word.hasSuffix("es") && !word.hasSuffix("aes") && !word.hasSuffix("ees")
            && !word.hasSuffix("oes")
        {
            return String(word.dropLast())
        }
        if word.hasSuffix("s") && !word.hasSuffix("us") && !word.hasSuffix("ss") {
            return String(word.dropLast())
        }
        return word
    }

    /// Words that say nothing about which incident a report is on.
    static let stopwords: Set<String> = Set(
        """
        a an the and or but of in on at to for from by with as into onto near after before over
        under about against between during since until while than then this that these those it
        its is are was were be been being has have had having do does did not no nor so such
        he him his she her they them their we our you your i who whom whose which what when where
        why how all any both each few more most other some own same can will would could should
        may might must shall also only just very up down out off again further once here there
        said says say saying told tells according
        monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
        morning evening night overnight week weekend
        update live explainer breaking latest news report reports reported reporting
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// The vocabulary of conflict and disaster news, stemmed: true of most items
    /// a security desk reads, so weak evidence that two reports tell one incident.
    static let newsWords: Set<String> = Set(
        """
        attack attacked attacker assault assailant gunmen gunman gunfire fighter fighting militant
        insurgent jihadist extremist terrorist rebel armed group faction bomb bomber bombing blast
        explosion explosive explode exploded device suicide kill killed killing dead death toll rise
        rose risen died wounded injured injuring casualty victim body soldier troop army military
        police policeman officer security force civilian people resident witnesse witness local town
        city village province region state district capital area border north south east west
        northern southern eastern western northeast northwest southeast southwest central
        strike struck airstrike air drone missile shell shelling raid ambush ambushed storm stormed
        claim claimed responsibility spokesman spokesperson government official
        source least dozen several hundred thousand more than number new latest deadly
        one two three four five six seven eight nine ten eleven twelve fourteen fifteen twenty
        first second third day hour week
        """.split(whereSeparator: \.isWhitespace).map { EventSynonyms.term(for: stem(String($0))) })
}
