import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// The bytes of a file under Fixtures/.
func fixture(_ name: String) throws -> Data {
    let url = try #require(
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil),
        "missing fixture \(name)")
    return try Data(contentsOf: url)
}

/// A fixture parsed, failing the test when the parser throws.
func parsedFixture(_ name: String, contentType: String? = nil, baseURL: URL? = nil) throws -> Feed {
    try FeedParser.parse(fixture(name), contentType: contentType, baseURL: baseURL)
}

/// The error a document raises, or nil when it parses.
func parseError(_ data: Data) -> ParserError? {
    do {
        _ = try FeedParser.parse(data)
        return nil
    } catch {
        return error
    }
}

func utc(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
}
