import Configuration
import FeedFetcher
import FeedModel
import FeedParser
import Foundation

/// `feeds check`: every feed fetched once, as the monitor fetches it (its
/// own settings included), and judged. A `problem` means the monitor would
/// not read the feed, or would find it dark; a `warning` means it reads it,
/// but something deserves a look.
public struct FeedCheck: Sendable, Encodable {
    /// One thing found wrong.
    public struct Finding: Sendable, Encodable, Equatable {
        public enum Severity: String, Sendable, Encodable {
            case problem, warning
        }

        /// `http-status`, `unreachable`, `timed-out`, `redirect-loop`,
        /// `too-many-redirects`, `too-large`, `not-a-feed`, `bad-xml`, `empty`,
        /// `stale`, `slow`, `moved`, `not-configured`.
        public var kind: String
        public var severity: Severity
        public var message: String
    }

    public var name: String
    /// As `ShownURL` shows it: never a credential.
    public var url: String
    public var status: Int?
    public var elapsedSeconds: Double
    public var bytes: Int
    public var items: Int?
    public var newestItem: Date?
    public var findings: [Finding]

    /// Whether any finding is a problem.
    public var isWrong: Bool { findings.contains { $0.severity == .problem } }

    enum CodingKeys: String, CodingKey {
        case name, url, status, bytes, items, findings
        case elapsedSeconds = "elapsed_seconds"
        case newestItem = "newest_item"
        case wrong
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(status, forKey: .status)
        try container.encode((elapsedSeconds * 1000).rounded() / 1000, forKey: .elapsedSeconds)
        try container.encode(bytes, forKey: .bytes)
        try container.encode(items, forKey: .items)
        try container.encode(newestItem, forKey: .newestItem)
        try container.encode(isWrong, forKey: .wrong)
        try container.encode(findings, forKey: .findings)
    }

    /// Checks every enabled feed of `configuration` with `fetcher`, in configuration order.
    public static func run(
        _ configuration: ConfigurationFile, fetcher: FeedFetcher, now: Date = Date()
    ) -> [FeedCheck] {
        let feeds = Dictionary(
            configuration.feeds.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var checks: [String: FeedCheck] = [:]
        fetcher.fetch(configuration.feeds.map { FeedRequest(feed: $0, url: $0.url) }) { result in
            guard let feed = feeds[result.request.feedName] else { return }
            checks[feed.name] = FeedCheck(
                feed: feed, result: result, settings: configuration.settings,
                passTimeout: fetcher.options.timeout, now: now)
        }
        return configuration.feeds.compactMap { checks[$0.name] }
    }

    init(
        feed: FeedConfiguration, result: FetchResult, settings: MonitorSection,
        passTimeout: TimeInterval, now: Date
    ) {
        name = feed.name
        url = ShownURL.text(feed.url)
        status = result.status
        elapsedSeconds = result.elapsed
        bytes = result.bytesReceived
        findings = []
        let timeout = feed.settings.timeout ?? passTimeout
        // Half its timeout: a little more load and the feed fails.
        if result.elapsed > timeout / 2 {
            findings.append(
                Finding(
                    kind: "slow", severity: .warning,
                    message:
                        "took \(String(format: "%.1f", result.elapsed))s, over half its timeout of \(DurationParser.text(timeout))"
                ))
        }
        switch result.outcome {
        case .failed(let error):
            findings.append(
                Finding(kind: Self.kind(of: error), severity: .problem, message: "\(error)"))
        case .notModified(let status):
            findings.append(
                Finding(
                    kind: "http-status", severity: .problem,
                    message: "HTTP \(status) Not Modified to an unconditional request"))
        case .fetched(let body):
            if let moved = body.movedPermanently {
                findings.append(
                    Finding(
                        kind: "moved", severity: .warning,
                        message: "moved permanently to \(ShownURL.text(moved)): update feeds.conf"))
            }
            judge(body, staleAfter: feed.effectiveStaleAfter(settings), now: now)
        }
    }

    private mutating func judge(_ body: FetchedBody, staleAfter: TimeInterval, now: Date) {
        let feed: Feed
        do {
            feed = try FeedParser.parse(
                body.bytes, contentType: body.contentType, baseURL: body.effectiveURL)
        } catch {
            let kind: String =
                switch error {
                case .malformed: "bad-xml"
                default: "not-a-feed"
                }
            var message = error.description
            if AnnouncedFeeds.looksLikeHTML(body.bytes) {
                let links = AnnouncedFeeds.find(
                    in: body.bytes, contentType: body.contentType, pageURL: body.effectiveURL)
                message += AnnouncedFeedsText.hint(links)
            }
            findings.append(Finding(kind: kind, severity: .problem, message: message))
            return
        }
        items = feed.items.count
        for warning in feed.warnings where warning.hasPrefix("ill-formed XML") {
            findings.append(Finding(kind: "bad-xml", severity: .warning, message: warning))
        }
        guard !feed.items.isEmpty else {
            findings.append(
                Finding(kind: "empty", severity: .problem, message: "the feed has no items"))
            return
        }
        newestItem = feed.items.compactMap { $0.published ?? $0.updated }.max()
        if let newest = newestItem, now.timeIntervalSince(newest) > staleAfter {
            findings.append(
                Finding(
                    kind: "stale", severity: .problem,
                    message:
                        "newest item is from \(ISO8601DateFormatter().string(from: newest)), longer ago than stale-after (\(DurationParser.text(staleAfter)))"
                ))
        }
    }

    private static func kind(of error: FetchError) -> String {
        switch error {
        case .httpStatus: "http-status"
        case .transport, .file, .unsupportedScheme, .cancelled: "unreachable"
        case .timedOut: "timed-out"
        case .tooLarge: "too-large"
        case .redirectLoop: "redirect-loop"
        case .tooManyRedirects: "too-many-redirects"
        case .notConfigured: "not-configured"
        }
    }
}

/// How messages name the feeds a page announces.
public enum AnnouncedFeedsText {
    /// `; the page announces …` for a page that is not a feed, or a hint that it announces none.
    public static func hint(_ links: [AnnouncedFeeds.Link]) -> String {
        guard !links.isEmpty else { return " (a web page that announces no feed)" }
        let listed = links.map { link in
            ShownURL.text(link.url) + (link.title.map { " (\($0))" } ?? "")
        }
        let count = links.count == 1 ? "a feed" : "\(links.count) feeds"
        return "; it is a web page that announces \(count): \(listed.joined(separator: ", "))"
    }
}
