import FeedModel
import Foundation
import Testing

@testable import FeedParser

@Suite("HTML to text")
struct HTMLTextTests {
    @Test func dropsScriptsAndStyles() {
        let html = "<style>p{color:red}</style><p>Visible</p><script>var x = '<b>no</b>';</script>"
        #expect(HTMLText.plainText(html) == "Visible")
    }

    @Test func blockElementsBecomeLineBreaks() {
        #expect(
            HTMLText.plainText("<p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul>x<br>y")
                == "One\nTwo\na\nb\nx\ny")
    }

    @Test func inlineElementsDoNotSplitWords() {
        #expect(HTMLText.plainText("un<b>believ</b>able <i>news</i>") == "unbelievable news")
    }

    @Test func entitiesAreDecoded() {
        #expect(
            HTMLText.plainText("Tom &amp; Jerry&nbsp;&mdash; &#8220;friends&#x201D; &rsquo;")
                == "Tom & Jerry — “friends” ’")
    }

    @Test func whitespaceIsFolded() {
        #expect(HTMLText.plainText("  <p>  lots \n\n of \t space  </p>  ") == "lots of space")
    }

    @Test func plainTextTakesTheFastPath() {
        #expect(HTMLText.plainText("  just   words\nhere ") == "just words here")
        #expect(!HTMLText.needsParsing("no markup at all"))
    }

    @Test func brokenHTMLStillGivesText() {
        #expect(
            HTMLText.plainText("<p>unclosed <b>bold <i>and</p> more") == "unclosed bold and\nmore")
        #expect(HTMLText.plainText("5 < 6 & 7 > 3") == "5 < 6 & 7 > 3")
    }

    @Test func imagesStandForTheirAltText() {
        #expect(HTMLText.plainText(#"A <img src="x.png" alt="cat"> sat"#) == "A cat sat")
    }

    @Test func nonASCIIKeepsItsCharacters() {
        #expect(HTMLText.plainText("<p>Привет, <b>мир</b></p> 漢字") == "Привет, мир\n漢字")
    }
}

@Suite("JSON output")
struct FeedJSONTests {
    @Test func absentValuesAreNullAndKeysAreFixed() {
        let feed = Feed(format: .rss20, items: [Item(id: "a")])
        let json = FeedJSON.encode(feed)
        #expect(
            json
                == #"{"format":"rss2.0","title":null,"link":null,"description":null,"updated":null,"suggested_interval":null,"warnings":[],"items":[{"id":"a","title":null,"link":null,"summary":null,"content":null,"text":{"title":"","summary":"","content":""},"authors":[],"categories":[],"published":null,"updated":null}]}"#
        )
    }

    @Test func isOneLineOfValidJSON() throws {
        let feed = try parsedFixture("atom10.xml")
        let json = FeedJSON.encode(feed)
        #expect(!json.contains("\n"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "atom1.0")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.first?["published"] as? String == "2024-05-01T08:00:00Z")
        #expect(
            (items.first?["text"] as? [String: Any])?["content"] as? String
                == "Hello world & link\nSecond")
    }

    @Test func escapesControlCharactersAndQuotes() {
        let feed = Feed(format: .atom10, title: "a \"q\" \\ \u{1} \u{2028}")
        #expect(FeedJSON.encode(feed).contains(#""title":"a \"q\" \\ \u0001 \u2028""#))
    }

    @Test func datesAreISO8601UTC() {
        #expect(FeedJSON.isoString(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(
            FeedJSON.isoString(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(FeedJSON.isoString(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }
}
