import Configuration
import Foundation

/// The sections `feeds import` and `feeds add` append: each new feed with a
/// unique, valid name; a feed feeds.conf already has (by `FeedURLKey`)
/// skipped with the reason; a feed listed twice in what is added kept once,
/// with the tags of both.
struct FeedAdditionPlan {
    private(set) var added: [FeedSectionText] = []
    /// One line per feed left out: its URL and why.
    private(set) var skipped: [String] = []
    private var names: Set<String>
    /// URL key → the name of the feed that has it (configured or added).
    private var configuredURLs: [String: String] = [:]
    private var addedURLs: [String: Int] = [:]

    init(existing: ConfigurationFile) {
        let feeds = existing.feeds + existing.disabledFeeds
        names = Set(feeds.map(\.name))
        for feed in feeds { configuredURLs[FeedURLKey.key(feed.url)] = feed.name }
    }

    /// The name feeds.conf already uses for the feed at `url`, if any.
    func configuredName(of url: URL) -> String? { configuredURLs[FeedURLKey.key(url)] }

    /// Whether `name` is free.
    func isFree(_ name: String) -> Bool { !names.contains { $0.lowercased() == name.lowercased() } }

    /// Plans the feed at `url` (as written), named from `title` unless `name` is given.
    @discardableResult
    mutating func add(url written: String, title: String?, tags: [String], name: String? = nil)
        -> FeedSectionText?
    {
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            skipped.append("\(trimmed): not an http(s) URL")
            return nil
        }
        let key = FeedURLKey.key(url)
        if let configured = configuredURLs[key] {
            skipped.append("\(trimmed): feeds.conf already has it, as [feed \(configured)]")
            return nil
        }
        if let index = addedURLs[key] {
            for tag in tags where !added[index].tags.contains(tag) { added[index].tags.append(tag) }
            return nil
        }
        let chosen = name ?? FeedNaming.name(for: title, url: url, taken: names)
        names.insert(chosen)
        addedURLs[key] = added.count
        var unique: [String] = []
        for tag in tags where !unique.contains(tag) { unique.append(tag) }
        let section = FeedSectionText(name: chosen, url: trimmed, tags: unique)
        added.append(section)
        return section
    }

    /// The sections to append, the first with `comment` above it.
    func sections(comment: String) -> [FeedSectionText] {
        var sections = added
        if !sections.isEmpty { sections[0].comment = comment }
        return sections
    }
}
