import Testing

@testable import FeedFetcher
