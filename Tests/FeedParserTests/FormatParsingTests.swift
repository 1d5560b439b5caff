import FeedModel
import Foundation
import Testing

@testable import FeedParser

@Suite("Parsing each feed format")
struct FormatParsingTests {
    @Test func rss20ChannelAndItems() throws {
        let feed = try parsedFixture(
            "rss20.xml", baseURL: URL(string: "https://news.example.org/rss"))
        #expect(feed.format == .rss20)
        #expect(feed.title == "Example News")  // not the <image> title
        #expect(feed.link == "https://news.example.org/")
        #expect(feed.description == "All the news & more")
        #expect(feed.updated == utc("2003-06-10T09:41:01Z"))
        #expect(feed.suggestedInterval == 1800)
        #expect(feed.items.count == 3)

        let first = feed.items[0]
        #expect(first.id == "floods-1")
        #expect(first.title == "Floods in Sindh")
        #expect(first.link == "https://news.example.org/world/floods?id=1&ref=rss")
        #expect(first.summary == "Rain <p>continues</p>")
        #expect(first.content == "<p>Full <b>story</b> &amp; pictures</p><script>alert(1)</script>")
        #expect(first.text.content == "Full story & pictures")
        #expect(first.text.summary == "Rain\ncontinues")
        #expect(first.authors == ["Jane Reporter"])  // dc:creator under an odd prefix
        #expect(first.categories == ["World", "Weather"])
        #expect(first.published == utc("2003-06-03T09:39:21Z"))
    }

    @Test func rssIdentityFallbacks() throws {
        let feed = try parsedFixture("rss20.xml")
        // No guid: the link. No guid and no link: a stable hash.
        #expect(feed.items[1].id == "https://news.example.org/second")
        #expect(feed.items[1].published == utc("2003-06-03T15:00:00Z"))
        #expect(feed.items[2].id.hasPrefix("hash:"))
        #expect(feed.items[2].published == nil)  // "junk date"
        let again = try parsedFixture("rss20.xml")
        #expect(again.items[2].id == feed.items[2].id)
    }

    @Test func rss091() throws {
        let feed = try parsedFixture("rss091.xml")
        #expect(feed.format == .rss09x)
        #expect(feed.items.map(\.title) == ["First"])
        #expect(feed.items.first?.summary == "One")
    }

    @Test func rss10RDF() throws {
        let feed = try parsedFixture("rss10.rdf")
        #expect(feed.format == .rss10)
        #expect(feed.title == "RDF Site")
        #expect(feed.suggestedInterval == 21600)  // daily, 4 times
        let item = try #require(feed.items.first)
        #expect(item.id == "http://rdf.example/a")
        #expect(item.title == "Item A")
        #expect(item.categories == ["Politics"])
        #expect(item.published == utc("2004-07-13T14:15:00Z"))
    }

    @Test func atom10WithXHTMLAndXMLBase() throws {
        let feed = try parsedFixture("atom10.xml")
        #expect(feed.format == .atom10)
        #expect(feed.title == "Blog of things")
        #expect(feed.link == "https://blog.example.com/")  // rel=alternate, not self
        #expect(feed.updated == utc("2024-05-01T12:00:00Z"))
        let first = feed.items[0]
        #expect(first.id == "tag:blog.example.com,2024:1")
        #expect(first.link == "https://blog.example.com/posts/hello.html")
        #expect(
            first.content
                == "<p>Hello <b>world</b> &amp; <a href=\"x?a=1&amp;b=2\">link</a></p><br/><p>Second</p>"
        )
        #expect(first.text.content == "Hello world & link\nSecond")
        #expect(first.summary == "Less < more")
        #expect(first.text.summary == "Less < more")  // type="text" is not HTML
        #expect(first.authors == ["Ann Author"])
        #expect(first.categories == ["news"])
        #expect(first.published == utc("2024-05-01T08:00:00Z"))
        let second = feed.items[1]
        #expect(second.title == "An xhtml title")
        #expect(second.content == "<p>Escaped <b>HTML</b></p>")
        #expect(second.text.content == "Escaped HTML")
    }

    @Test func atom03() throws {
        let feed = try parsedFixture("atom03.xml")
        #expect(feed.format == .atom03)
        #expect(feed.description == "old drafts")
        let item = try #require(feed.items.first)
        #expect(item.published == utc("2003-12-13T12:29:29Z"))
        #expect(item.updated == utc("2003-12-13T18:30:02Z"))
        #expect(item.content == "<p>Hi</p>")
        #expect(item.text.content == "Hi")
    }

    @Test func jsonFeed() throws {
        let feed = try parsedFixture("feed.json")
        #expect(feed.format == .json1x)
        #expect(feed.title == "JSON Example")
        #expect(feed.link == "https://json.example.org/")
        #expect(feed.items.count == 2)
        #expect(feed.items[0].text.content == "Hello & welcome")
        #expect(feed.items[0].authors == ["Jo"])
        #expect(feed.items[0].categories == ["a", "b"])
        #expect(feed.items[1].id == "2")  // a number, accepted
        #expect(feed.items[1].link == "https://json.example.org/2")
        #expect(feed.items[1].updated == utc("2024-01-02T23:00:00Z"))
    }

    @Test func jsonThatIsNotAFeed() {
        #expect(
            parseError(Data(#"{"hello": 1}"#.utf8))
                == .notAFeed(reason: #"JSON without a jsonfeed.org "version""#))
        guard case .invalidJSON = parseError(Data("{broken".utf8)) else {
            Issue.record("broken JSON should be invalidJSON")
            return
        }
    }

    @Test func namespacesMatchByURINotPrefix() throws {
        let xml = """
            <rss version="2.0" xmlns:x="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/">
            <channel><item><x:encoded>&lt;i&gt;body&lt;/i&gt;</x:encoded><d:date>2020-02-03T04:05:06Z</d:date>
            <content:encoded xmlns:content="urn:not-content">wrong</content:encoded></item></channel></rss>
            """
        let item = try #require(try FeedParser.parse(Data(xml.utf8)).items.first)
        #expect(item.content == "<i>body</i>")
        #expect(item.published == utc("2020-02-03T04:05:06Z"))
    }

    @Test func formatDetectionLooksAtFirstTokensOnly() {
        #expect(
            FeedFormatDetector.detect(
                Array("<?xml version='1.0'?><!-- c --><rss version='0.92'>".utf8))
                == .rss(version: "0.92"))
        #expect(FeedFormatDetector.detect(Array("  <rdf:RDF xmlns:rdf='x'>".utf8)) == .rdf)
        #expect(
            FeedFormatDetector.detect(Array("<!DOCTYPE feed [<!ENTITY a 'b'>]><feed>".utf8))
                == .atom)
        #expect(FeedFormatDetector.detect(Array(" {\"version\":1}".utf8)) == .json)
        #expect(
            FeedFormatDetector.detect(Array("<opml>".utf8))
                == .notAFeed("the root element <opml> is not rss, rdf:RDF or feed"))
    }
}
