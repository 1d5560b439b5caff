import FeedModel
import Testing

@testable import FeedFetcher

@Suite struct ShownURLTests {
    @Test(arguments: [
        ("http://user:PASSWORD@host/feed", "http://…@host/feed"),
        ("https://host:8443/a/b?apikey=KEY&format=rss", "https://host:8443/a/b?apikey=…&format=…"),
        ("https://token@host?KEY", "https://…@host?…"),
        ("http://host/feed?", "http://host/feed?"),
        ("http://host/feed#access_token=KEY", "http://host/feed"),
        ("http://host/path@not-user/feed", "http://host/path@not-user/feed"),
        ("http://us@er:p@ss@host/x", "http://…@host/x"),
        ("file:///srv/feeds/wire.xml", "file:///srv/feeds/wire.xml"),
        ("not a URL", "not a URL"),
    ])
    func showsNoCredential(url: String, shown: String) {
        #expect(ShownURL.text(url) == shown)
    }

    @Test func redactsEveryURLInAMessage() {
        let message =
            "redirect loop: http://a:PASSWORD@h/x?k=KEY -> https://h/y?k=KEY2 (\"ftp://u:p@h/z\")"
        #expect(
            ShownURL.redactingURLs(in: message)
                == "redirect loop: http://…@h/x?k=… -> https://h/y?k=… (\"ftp://…@h/z\")")
        #expect(ShownURL.redactingURLs(in: "no address here") == "no address here")
    }

    @Test func fetchErrorsShowNoCredential() {
        let errors: [FetchError] = [
            .transport(url: "http://u:PASSWORD@h/f?key=KEY", message: "connection refused"),
            .httpStatus(url: "http://h/f?key=KEY", status: 500, retryAfter: nil),
            .redirectLoop(
                url: "http://h/f?key=KEY", chain: ["http://h/f?key=KEY", "http://h/g?t=KEY"]),
            .timedOut(url: "http://h/f?KEY", message: "after 5 s"),
        ]
        for error in errors {
            #expect(!"\(error)".contains("KEY"), "\(error)")
            #expect(!"\(error)".contains("PASSWORD"), "\(error)")
            #expect("\(error)".hasPrefix("fetcher: http://"))
        }
    }
}
