import Foundation

/// A request the test server received, kept so tests can assert on what the
/// client sent (validators, User-Agent, a webhook's body and signature).
public struct RecordedRequest: Sendable {
    public var method: String
    /// The request target as sent, query included (`/feed.xml?x=1`).
    public var target: String
    /// Header fields in arrival order, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Which connection it came on (1 for the first one accepted), to see reuse.
    public var connectionNumber: Int

    public init(
        method: String, target: String, headers: [(name: String, value: String)], body: Data,
        connectionNumber: Int
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.connectionNumber = connectionNumber
    }

    /// The target without its query: what routes match on.
    public var path: String {
        String(
            target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        )
    }

    /// The last value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.last(where: { $0.name.lowercased() == name.lowercased() })?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
