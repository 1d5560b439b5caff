import Foundation

/// One feed to fetch, with what the last fetch left for a conditional request.
public struct FeedRequest: Sendable, Equatable {
    public var feedName: String
    public var url: URL
    public var conditional: ConditionalRequest

    public init(feedName: String, url: URL, conditional: ConditionalRequest = ConditionalRequest())
    {
        self.feedName = feedName
        self.url = url
        self.conditional = conditional
    }
}
