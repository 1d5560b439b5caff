import Foundation

/// The redirects one transfer went through, rebuilt from the `Location`
/// headers of its responses (libcurl follows them; this judges them).
public struct RedirectChain: Sendable {
    public struct Hop: Sendable, Equatable {
        public var status: Int
        public var from: URL
        public var to: URL
    }

    public let start: URL
    public let hops: [Hop]

    public init(start: URL, responses: [ResponseHeaders]) {
        self.start = start
        var hops: [Hop] = []
        var current = start
        for response in responses where response.isRedirect {
            guard let location = response["Location"],
                let next = URL(string: location, relativeTo: current)?.absoluteURL
            else { break }
            hops.append(Hop(status: response.status, from: current, to: next))
            current = next
        }
        self.hops = hops
    }

    /// The start and every URL redirected to, in order.
    public var visited: [URL] { [start] + hops.map(\.to) }

    /// The URLs up to and including the first one visited twice; nil without a loop.
    public var loop: [URL]? {
        var seen = Set<String>()
        for (index, url) in visited.enumerated() {
            guard seen.insert(url.absoluteString).inserted else { return Array(visited[...index]) }
        }
        return nil
    }

    /// Where the leading run of permanent redirects (301, 308) ends; nil when
    /// the first hop was temporary or there were none. A temporary hop after
    /// permanent ones does not move the feed past it.
    public var permanentDestination: URL? {
        let permanent = hops.prefix(while: { $0.status == 301 || $0.status == 308 })
        return permanent.last?.to
    }
}
