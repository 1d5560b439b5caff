/// What a rule sees of the feed an item came from (`feeds tag:…`).
public struct FeedContext: Sendable, Equatable {
    public var name: String
    public var tags: [String]

    public init(name: String, tags: [String] = []) {
        self.name = name
        self.tags = tags
    }
}
