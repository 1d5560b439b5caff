import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// Ids come from what the publisher gives, and from the item's content where
/// that identifies nothing; never from an item's position.
@Suite("Item identity")
struct ItemIdentityTests {
    private static func ids(_ items: [String]) throws -> [String] {
        let xml = "<rss version=\"2.0\"><channel><title>T</title>\(items.joined())</channel></rss>"
        return try FeedParser.parse(Data(xml.utf8)).items.map(\.id)
    }

    static let a = "<item><guid>same</guid><link>http://x/1</link><title>A</title></item>"
    static let b = "<item><guid>same</guid><link>http://x/2</link><title>B</title></item>"
    static let c = "<item><guid>same</guid><link>http://x/3</link><title>C</title></item>"

    @Test func uniqueGuidsAndLinksAreTheIds() throws {
        #expect(
            try Self.ids([
                "<item><guid>g1</guid></item>", "<item><link>http://x/2</link></item>",
                "<item><guid isPermaLink=\"true\">http://x/3</guid></item>",
            ]) == ["g1", "http://x/2", "http://x/3"])
    }

    @Test func aRepeatedGuidIsToldApartByContentNotPosition() throws {
        let two = try Self.ids([Self.a, Self.b])
        #expect(two.allSatisfy { $0.hasPrefix("same#h:") })
        #expect(Set(two).count == 2)
        // Reversed, and with an item inserted before them: the same ids.
        #expect(try Self.ids([Self.b, Self.a]) == [two[1], two[0]])
        let three = try Self.ids([Self.c, Self.a, Self.b])
        #expect(Array(three.dropFirst()) == two)
    }

    @Test func aRepeatedLinkWithoutGuidsIsToldApartByTitleTextAndDate() throws {
        let items = [
            "<item><link>http://x/news</link><title>Update</title><description>One</description></item>",
            "<item><link>http://x/news</link><title>Update</title><description>Two</description></item>",
            "<item><link>http://x/news</link><title>Update</title><description>One</description><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item>",
            "<item><link>http://x/news</link><title>Other</title><description>One</description></item>",
        ]
        let ids = try Self.ids(items)
        #expect(Set(ids).count == 4)
        #expect(ids.allSatisfy { $0.hasPrefix("http://x/news#h:") })
        #expect(try Self.ids(items.reversed()) == ids.reversed())
    }

    @Test func itemsAgreeingOnTheFirstWordsAreToldApartByTheRest() throws {
        let opening = Array(repeating: "word", count: ItemIdentity.wordsInDigest).joined(
            separator: " ")
        let ids = try Self.ids([
            "<item><guid>same</guid><title>T</title><description>\(opening) ends here</description></item>",
            "<item><guid>same</guid><title>T</title><description>\(opening) ends there</description></item>",
        ])
        #expect(Set(ids).count == 2)
    }

    @Test func copiesOfOneItemAreOneItem() throws {
        #expect(try Self.ids([Self.a, Self.a]) == ["same", "same"])
        let ids = try Self.ids([Self.a, Self.b, Self.a])
        #expect(ids[0] == ids[2])
        #expect(ids[0] != ids[1])
    }

    @Test func itemsWithNothingToIdentifyThemAreTheirContent() throws {
        let ids = try Self.ids([
            "<item><title>Update</title><description>One</description></item>",
            "<item><title>Update</title><description>Two</description></item>",
            "<item><title>Update</title><description>One</description><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate></item>",
        ])
        #expect(ids.allSatisfy { $0.hasPrefix("hash:") && !$0.contains("#") })
        #expect(Set(ids).count == 3)
    }

    @Test func aPermalinkGuidThatIsNoURLIsNoLink() throws {
        let xml = """
            <rss xml:base="http://example.test/"><channel><item>
            <guid isPermaLink="true">http://example.c[o.test/</guid>
            </item></channel></rss>
            """
        let item = try #require(try FeedParser.parse(Data(xml.utf8)).items.first)
        #expect(item.id == "http://example.c[o.test/")
        #expect(item.link == nil)
    }
}
