import Foundation

/// One feed to fetch, with what the last fetch left for a conditional request.
public struct FeedRequest: Sendable, Equatable {
    public var feedName: String
    public var url: URL
    public var conditional: ConditionalRequest
    /// The feed's own User-Agent, headers, login, timeout and size cap.
    public var settings: FeedRequestSettings
    /// Set when the request cannot be made as configured (a secret's
    /// environment variable is unset): the fetch fails with it, at once,
    /// without a request that would go out without the secret.
    public var refusal: FetchError?

    public init(
        feedName: String, url: URL, conditional: ConditionalRequest = ConditionalRequest(),
        settings: FeedRequestSettings = FeedRequestSettings(), refusal: FetchError? = nil
    ) {
        self.feedName = feedName
        self.url = url
        self.conditional = conditional
        self.settings = settings
        self.refusal = refusal
    }
}
