/// The element local names the format handlers act on. The SAX parser maps
/// each interned libxml2 name to one of these once per document, so that the
/// handlers match elements by comparing small integers, not strings.
enum KnownElementName: String, Sendable {
    case author, body, category, channel, content, contributor, created, creator, date
    case description, div, encoded, entry, feed, fullitem, guid, id, info, issued, item
    case lastBuildDate, link, modified, name, pubDate, published, subject, subtitle, summary
    case tagline, title, ttl, updateFrequency, updatePeriod, updated
}
