import HTTPTransport
import Testing

@testable import FeedFetcher

@Suite("Conditional requests")
struct ConditionalRequestTests {
    @Test("validators come from the response headers")
    func validators() {
        let headers = ResponseHeaders(
            status: 200,
            fields: [("etag", "\"x\""), ("last-modified", "Tue, 24 Nov 2026 10:00:00 GMT")])
        let conditional = ConditionalRequest(responseHeaders: headers)
        #expect(
            conditional
                == ConditionalRequest(etag: "\"x\"", lastModified: "Tue, 24 Nov 2026 10:00:00 GMT"))
        #expect(
            conditional.requestHeaders.map { "\($0.name): \($0.value)" } == [
                "If-None-Match: \"x\"", "If-Modified-Since: Tue, 24 Nov 2026 10:00:00 GMT",
            ])
        #expect(ConditionalRequest().requestHeaders.isEmpty)
        #expect(ConditionalRequest().isEmpty)
    }
}
