import AlertLog
import FeedFetcher
import FeedModel
import Foundation

/// The log lines of one feed's turn, one per level, so that the levels differ:
/// `debug` has each transfer (what was asked, what came back, how long it
/// took, whether the conditional request saved the body), `info` what came
/// of the feed. A failure is not here: the pass logs it once, as an error.
enum FeedTurnLog {
    /// `wire: GET https://example.com/feed: 200, 18250 bytes in 0.41s, conditional (ETag) not matched`.
    static func transfer(_ result: FetchResult) -> String {
        let request = result.request
        let shownURL = ShownURL.text(result.effectiveURL ?? request.url)
        let isFile = request.url.isFileURL
        var line = "\(request.feedName): \(isFile ? "read" : "GET") \(shownURL): "
        if let status = result.status { line += "\(status), " }
        line += "\(Counted.phrase(result.bytesReceived, "byte")) in "
        line += String(format: "%.2fs", result.elapsed)
        if let effective = result.effectiveURL, effective != request.url {
            line += " (redirected from \(ShownURL.text(request.url)))"
        }
        line += ", " + conditional(request.conditional, result.outcome)
        return line
    }

    private static func conditional(_ conditional: ConditionalRequest, _ outcome: FetchOutcome)
        -> String
    {
        guard !conditional.isEmpty else { return "unconditional" }
        let validators = [
            conditional.etag.map { _ in "ETag" },
            conditional.lastModified.map { _ in "Last-Modified" },
        ].compactMap { $0 }.joined(separator: " and ")
        switch outcome {
        case .notModified: return "conditional (\(validators)) hit: not modified"
        case .fetched: return "conditional (\(validators)) missed: the feed changed"
        case .failed: return "conditional (\(validators))"
        }
    }

    /// `wire: fetched, 2 new items, 1 changed, 1 alert` or `wire: not modified`.
    static func outcome(of feed: String, _ processed: ProcessedFeed) -> String {
        if processed.isBaseline {
            return
                "\(feed): first contact, \(Counted.phrase(processed.seenItems.count, "item")) recorded without alerting"
        }
        var parts = [
            "fetched", Counted.phrase(processed.newItems, "new item"),
            "\(processed.changedItems) changed",
            Counted.phrase(processed.alerts.filter(\.alert.kind.isRaised).count, "alert"),
        ]
        if processed.joinedStories > 0 {
            parts.append("\(processed.joinedStories) folded into known stories")
        }
        return "\(feed): " + parts.joined(separator: ", ")
    }

    static func notModified(_ feed: String) -> String { "\(feed): not modified" }
}
