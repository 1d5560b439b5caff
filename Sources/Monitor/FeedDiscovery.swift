import FeedFetcher
import FeedModel
import FeedParser
import Foundation

/// Finds the feed behind an address a person pastes: the feed itself, or a
/// web page. A page is asked for the feeds it announces (`AnnouncedFeeds`);
/// when it announces none, the paths where sites commonly serve feeds are
/// tried on its host, all at once, and those that answer with a feed found.
public struct FeedDiscovery {
    /// A feed found.
    public struct Found: Sendable, Equatable {
        public enum Source: String, Sendable {
            /// The address given is the feed.
            case given
            /// The page announces it with `<link rel="alternate">`.
            case announced
            /// It answered at one of `AnnouncedFeeds.commonPaths`.
            case commonPath = "common-path"
        }

        public var url: URL
        /// The feed's own title once read; for an announced feed, the link's.
        public var title: String?
        public var source: Source
    }

    /// Why nothing was found.
    public enum Failure: Error, CustomStringConvertible {
        case fetch(FetchError)
        /// The address answered with something that is neither a feed nor a page.
        case notAFeed(url: String, ParserError)
        /// A page that announces no feed, with none at the common paths.
        case noFeedOnPage(url: String, tried: [String])

        public var description: String {
            switch self {
            case .fetch(let error): "\(error)"
            case .notAFeed(let url, let error): "\(url): \(error)"
            case .noFeedOnPage(let url, let tried):
                "\(url): a web page that announces no feed (no <link rel=\"alternate\">), and none answers at \(tried.joined(separator: ", "))"
            }
        }
    }

    let fetcher: FeedFetcher

    public init(fetcher: FeedFetcher) {
        self.fetcher = fetcher
    }

    /// The feeds at or behind `url`: one when it is a feed; those a page
    /// announces (in page order, not yet read); or those found at common paths.
    public func discover(_ url: URL) throws(Failure) -> [Found] {
        let body = try fetch(url)
        let shownURL = ShownURL.text(url)
        let parseError: ParserError
        do {
            let feed = try FeedParser.parse(
                body.bytes, contentType: body.contentType, baseURL: body.effectiveURL)
            return [Found(url: url, title: feed.title, source: .given)]
        } catch {
            parseError = error
        }
        guard AnnouncedFeeds.looksLikeHTML(body.bytes) else {
            throw .notAFeed(url: shownURL, parseError)
        }
        let announced = AnnouncedFeeds.find(
            in: body.bytes, contentType: body.contentType, pageURL: body.effectiveURL)
        if !announced.isEmpty {
            return announced.map { Found(url: $0.url, title: $0.title, source: .announced) }
        }
        let found = commonPathFeeds(on: body.effectiveURL)
        guard !found.isEmpty else {
            throw .noFeedOnPage(url: shownURL, tried: AnnouncedFeeds.commonPaths)
        }
        return found
    }

    /// Reads the feed at `url`: its title, or why it is not a feed.
    public func read(_ url: URL) throws(Failure) -> Found {
        let body = try fetch(url)
        do {
            let feed = try FeedParser.parse(
                body.bytes, contentType: body.contentType, baseURL: body.effectiveURL)
            return Found(url: url, title: feed.title, source: .given)
        } catch {
            throw .notAFeed(url: ShownURL.text(url), error)
        }
    }

    private func fetch(_ url: URL) throws(Failure) -> FetchedBody {
        var outcome = FetchOutcome.failed(
            .transport(url: url.absoluteString, message: "not fetched"))
        fetcher.fetch([FeedRequest(feedName: "discovery", url: url)]) { outcome = $0.outcome }
        switch outcome {
        case .fetched(let body): return body
        case .notModified(let status):
            throw .fetch(
                .transport(
                    url: url.absoluteString,
                    message: "HTTP \(status) Not Modified to an unconditional request"))
        case .failed(let error): throw .fetch(error)
        }
    }

    /// The common paths on the page's host that answer with a feed, in
    /// `AnnouncedFeeds.commonPaths` order (the same feed at two paths once).
    private func commonPathFeeds(on page: URL) -> [Found] {
        guard var origin = URLComponents(url: page, resolvingAgainstBaseURL: true) else {
            return []
        }
        origin.query = nil
        origin.fragment = nil
        let requests = AnnouncedFeeds.commonPaths.enumerated().compactMap { index, path in
            origin.path = path
            return origin.url.map { FeedRequest(feedName: String(index), url: $0) }
        }
        var found: [Int: Found] = [:]
        var effective: [Int: URL] = [:]
        fetcher.fetch(requests) { result in
            guard let index = Int(result.request.feedName), let body = result.outcome.body,
                let feed = try? FeedParser.parse(
                    body.bytes, contentType: body.contentType, baseURL: body.effectiveURL)
            else { return }
            found[index] = Found(url: result.request.url, title: feed.title, source: .commonPath)
            effective[index] = body.effectiveURL
        }
        var seen = Set<URL>()
        return found.keys.sorted().compactMap { index in
            guard let url = effective[index], seen.insert(url).inserted else { return nil }
            return found[index]
        }
    }
}
