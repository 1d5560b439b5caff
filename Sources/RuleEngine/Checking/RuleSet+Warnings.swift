import Foundation

extension RuleSet {
    /// The likely mistakes of the rules folder at `directory` (`rules check`
    /// shows them; matching never needs them). `feeds` are the feeds of
    /// feeds.conf, nil when it is unknown: then feed filters are not checked.
    public static func warnings(directory: URL, feeds: [FeedContext]?) throws(RulesError)
        -> [RulesWarning]
    {
        try warnings(files: RulesFolder.read(directory).sources(), feeds: feeds)
    }

    /// The likely mistakes of rules given as text, `files` in the order to read them.
    public static func warnings(files: [(name: String, source: String)], feeds: [FeedContext]?)
        -> [RulesWarning]
    {
        var document = RulesDocument()
        var sources: [String: String] = [:]
        for file in files {
            document.append(RulesParser.parse(file.source, file: file.name).0)
            sources[file.name] = file.source
        }
        return LikelyMistakes.find(in: document, sources: sources, feeds: feeds)
    }
}
