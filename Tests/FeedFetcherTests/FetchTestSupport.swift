import Foundation
import TestHTTPServer
import Testing

@testable import FeedFetcher

/// Short limits, so a failure shows within a second or two.
let quickOptions = FetchOptions(
    timeout: 1, connectTimeout: 1, maxSize: 64 * 1024, userAgent: "feedwatch-test/1.0")

/// Fetches one URL and returns its result.
func fetchOne(
    _ url: URL, conditional: ConditionalRequest = ConditionalRequest(),
    options: FetchOptions = quickOptions
) throws -> FetchResult {
    var results: [FetchResult] = []
    FeedFetcher(options: options).fetch([
        FeedRequest(feedName: "test", url: url, conditional: conditional)
    ]) {
        results.append($0)
    }
    #expect(results.count == 1)
    return try #require(results.first)
}

/// Fetches every request and returns the results in completion order.
func fetchAll(_ requests: [FeedRequest], options: FetchOptions = quickOptions) -> [FetchResult] {
    var results: [FetchResult] = []
    FeedFetcher(options: options).fetch(requests) { results.append($0) }
    return results
}

let sampleFeed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Sample</title>
    <item><guid>1</guid><title>First item</title></item>
    </channel></rss>
    """
