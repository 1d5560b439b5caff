/// The syndication format a document was written in, as `feedwatch parse` names it.
public enum FeedFormat: String, Sendable, Codable, CaseIterable {
    case rss09x = "rss0.9x"
    case rss10 = "rss1.0"
    case rss20 = "rss2.0"
    case atom03 = "atom0.3"
    case atom10 = "atom1.0"
    case json1x = "json1.x"
}
