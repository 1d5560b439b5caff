import Foundation
import Testing

@testable import FeedParser

@Suite("Link resolution")
struct URLResolverTests {
    private let base = URL(string: "https://news.example.org/feeds/main.xml")

    @Test func absoluteLinksAreKeptAsWritten() {
        #expect(
            URLResolver.resolve("  https://a.example/x?y=1&z=2 ", against: base)
                == "https://a.example/x?y=1&z=2")
        #expect(URLResolver.resolve("http://a.example", against: nil) == "http://a.example")
    }

    @Test func relativeLinksResolveAgainstTheBase() {
        #expect(
            URLResolver.resolve("../story/1", against: base)
                == "https://news.example.org/story/1")
        #expect(URLResolver.resolve("", against: base) == base?.absoluteString)
        #expect(URLResolver.resolve("httpx://a", against: nil) == "httpx://a")
    }

    /// The byte test for `http://` must agree with `hasPrefix`, which compares
    /// characters: a combining mark after the slash makes a different one.
    @Test func aCombiningMarkAfterTheSchemeIsNotTakenForAnAbsoluteLink() {
        let link = "http://\u{301}example"
        #expect(!link.hasPrefix("http://"))
        #expect(URLResolver.resolve(link, against: nil) == link)
        // Taken for a relative link, it is resolved by Foundation, which reads
        // the scheme after all and percent-encodes the stray mark.
        #expect(URLResolver.resolve(link, against: base) == "http://%CC%81example")
    }
}
