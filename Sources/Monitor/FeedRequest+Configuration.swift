import Configuration
import FeedFetcher
import Foundation
import HTTPTransport

extension FeedRequest {
    /// The request for `feed` at `url`, with its `[feed]` settings and its
    /// secrets read from `environment` now. A secret whose variable is unset
    /// makes a request the fetcher refuses at once, naming the file and line.
    public init(
        feed: FeedConfiguration, url: URL, conditional: ConditionalRequest = ConditionalRequest(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        var settings = FeedRequestSettings(
            userAgent: feed.settings.userAgent, timeout: feed.settings.timeout,
            maxSize: feed.settings.maxSize)
        var refusal: FetchError?
        do {
            settings.headers = try feed.resolvedHeaders(environment: environment).map {
                FeedRequestSettings.HeaderField(name: $0.name, value: $0.value)
            }
            settings.login = try feed.resolvedLogin(environment: environment).map {
                HTTPLogin(user: $0.user, password: $0.password)
            }
        } catch {
            refusal = .notConfigured(url: url.absoluteString, message: error.description)
        }
        self.init(
            feedName: feed.name, url: url, conditional: conditional, settings: settings,
            refusal: refusal)
    }
}
