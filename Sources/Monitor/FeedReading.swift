import FeedFetcher
import FeedModel
import FeedParser

/// A fetch result with its body read: the parsed feed with each item's
/// content hash, or why the body is not a feed. It needs nothing but the
/// body, so a pass makes it off its own thread (`ReadingPipeline`) while
/// the feeds read before are matched and stored.
struct FeedReading: Sendable {
    let result: FetchResult
    /// The body read ahead; nil when there is none, or it is left to `feed()`.
    private let parsed: Result<HashedFeed, ParserError>?

    /// `result`, its body parsed now when `parsingNow` (otherwise by `feed()`).
    init(_ result: FetchResult, parsingNow: Bool) {
        self.result = result
        guard parsingNow, case .fetched(let body) = result.outcome else {
            parsed = nil
            return
        }
        parsed = Result { () throws(ParserError) in try Self.parse(body) }
    }

    /// The feed in `body` (the body of `result`): as read ahead, or parsed now.
    func feed(of body: FetchedBody) throws(ParserError) -> HashedFeed {
        if let parsed { return try parsed.get() }
        return try Self.parse(body)
    }

    private static func parse(_ body: FetchedBody) throws(ParserError) -> HashedFeed {
        HashedFeed(
            try FeedParser.parse(
                body.bytes, contentType: body.contentType, baseURL: body.effectiveURL))
    }
}

/// A parsed feed with the content hash of each of its items, computed once:
/// the pass compares them with the seen items and stores them.
struct HashedFeed: Sendable {
    let feed: Feed
    /// `contentHashes[i]` is `ContentHash.of(feed.items[i])`.
    let contentHashes: [String]

    init(_ feed: Feed) {
        self.feed = feed
        contentHashes = feed.items.map(ContentHash.of)
    }
}
