/// What a report is about, as a set for MinHash: its content words, and the
/// watchlisted entities it names under their canonical ids.
///
/// Entities are what make differently written reports of one incident alike:
/// "Khalilur Rehman Haqqani among dead in Kabul ministry blast" and
/// "Taliban minister Khalil-ur-Rehman Haqqani assassinated in Kabul" share few
/// words but the same entity, so each entity counts as several features.
public enum StoryFeatures {
    /// How many features one entity is worth against one content word.
    static let entityWeight = 4

    /// `tokens` are the normalized tokens of the title and summary.
    public static func of(tokens: [String], entities: [String]) -> Set<String> {
        var features = Set<String>()
        for token in tokens where token.count >= 3 && !stopwords.contains(token) {
            features.insert(token)
        }
        for entity in entities {
            for copy in 0..<entityWeight { features.insert("@\(entity)#\(copy)") }
        }
        return features
    }

    /// Words that say nothing about which incident a report is on.
    static let stopwords: Set<String> = [
        "the", "and", "for", "with", "was", "were", "are", "has", "have", "had", "his", "her",
        "its", "their", "they", "that", "this", "these", "those", "from", "into", "over", "after",
        "before", "said", "says", "say", "who", "which", "what", "when", "where", "while", "will",
        "would", "could", "should", "been", "being", "also", "than", "then", "there", "about",
        "against", "among", "amid", "more", "most", "some", "such", "other", "not", "but", "all",
        "any", "one", "two", "three", "new", "news", "report", "reports", "reported", "according",
        "officials", "official", "on", "in", "at", "by", "of", "to", "a", "an", "is", "it",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "week", "people", "least", "per", "via", "out", "off", "our", "you",
    ]
}
