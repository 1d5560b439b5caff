import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// HTML written unescaped in a title or description where XML cannot nest
/// it must not swallow the rest of the item or the feed.
@Suite("Unescaped markup in text elements")
struct UnescapedMarkupTests {
    /// Three items; `broken` replaces the title or description of the one at
    /// `position` (0, 1, 2).
    private static func rss(_ broken: String, in field: String, at position: Int) -> String {
        var items = ""
        for index in 0..<3 {
            let title = field == "title" && index == position ? broken : "Item \(index)"
            let description =
                field == "description" && index == position ? broken : "Text \(index)"
            items += """
                <item><title>\(title)</title><link>https://example.org/\(index)</link>\
                <description>\(description)</description>\
                <pubDate>Tue, 01 Dec 2026 0\(index):00:00 GMT</pubDate></item>

                """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>News</title><link>https://example.org/</link>
            \(items)</channel></rss>
            """
    }

    /// Markup and the text a reader sees of it.
    static let unclosed: [(markup: String, text: String, tags: Int)] = [
        ("Attack <b>reported", "Attack reported", 1),
        ("Attack <i>reported", "Attack reported", 1),
        (#"Floods in <a href="https://example.org/swat?a=1&b=2">Swat"#, "Floods in Swat", 1),
        ("Attack <b><i>reported", "Attack reported", 2),
        ("Attack <b>reported <i>now</i>", "Attack reported now", 1),
        ("Attack</b> reported", "Attack reported", 1),
        ("Attack <b>reported</i> now", "Attack reported now", 2),
        ("Attack <unknown-tag>reported", "Attack reported", 1),
        ("Attack <B>reported", "Attack reported", 1),
    ]

    @Test(
        "Unclosed or stray tags keep the item's link and the items after it",
        arguments: unclosed, ["title", "description"])
    func unclosedMarkup(
        _ example: (markup: String, text: String, tags: Int), field: String
    ) throws {
        for position in 0..<3 {
            let feed = try FeedParser.parse(
                Data(Self.rss(example.markup, in: field, at: position).utf8))
            let context = "\(example.markup) in the \(field) of item \(position)"
            #expect(feed.items.count == 3, "\(context)")
            #expect(
                feed.items.map(\.link) == (0..<3).map { "https://example.org/\($0)" },
                "\(context)")
            #expect(feed.items.allSatisfy { $0.published != nil }, "\(context)")
            let item = try #require(feed.items.count > position ? feed.items[position] : nil)
            let text = field == "title" ? item.text.title : item.text.summary
            #expect(text == example.text, "\(context)")
            #expect(
                feed.warnings.contains {
                    $0.hasPrefix(
                        "\(example.tags) unescaped HTML tag\(example.tags == 1 ? "" : "s") in text elements"
                    ) && $0.contains("at line")
                }, "\(context): \(feed.warnings)")
        }
    }

    @Test("Markup that nests is XML and left alone")
    func wellFormedMarkup() throws {
        let rss = """
            <rss version="2.0"><channel><title>News</title>
            <item><title>Attack <b>reported</b></title><link>https://example.org/1</link>
            <description><p>One<br/>two <a href="https://example.org/x">link</a></p></description></item>
            </channel></rss>
            """
        let feed = try FeedParser.parse(Data(rss.utf8))
        #expect(feed.warnings.isEmpty)
        #expect(feed.items[0].text.title == "Attack reported")
        #expect(feed.items[0].text.summary == "One\ntwo link")
    }

    @Test("XHTML content keeps working, and its markup is never escaped")
    func xhtmlContent() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
            <entry><id>tag:example.org,2026:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Attack <b>reported</b></div></title>
            <link href="https://example.org/1"/>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <em>two</em></p><p>three</p></div></content></entry>
            <entry><id>tag:example.org,2026:2</id><title type="html">Floods in <b>Swat</title>
            <link href="https://example.org/2"/></entry>
            </feed>
            """
        let feed = try FeedParser.parse(Data(atom.utf8))
        #expect(feed.items.count == 2)
        #expect(feed.items[0].text.title == "Attack reported")
        #expect(feed.items[0].text.content == "One two\nthree")
        #expect(feed.items[1].text.title == "Floods in Swat")
        #expect(feed.items[1].link == "https://example.org/2")
        #expect(
            feed.warnings.contains { $0.hasPrefix("1 unescaped HTML tag in text elements (<b>)") })
    }

    @Test("A WordPress feed with unescaped tags in titles and descriptions")
    func wordPressFixture() throws {
        let feed = try parsedFixture("unescaped_markup_wordpress.xml")
        #expect(
            feed.items.map(\.title) == [
                "Attack reported near Torkham border", "Talks resume in Doha", "Floods in Swat",
            ])
        #expect(
            feed.items.map(\.link) == [
                "https://frontier.example.com/2026/12/01/attack-reported-torkham/",
                "https://frontier.example.com/2026/12/01/talks-resume-doha/",
                "https://frontier.example.com/2026/11/30/floods-swat/",
            ])
        #expect(
            feed.items[0].text.summary
                == "Security officials said the Khalil Haqqani network was behind the attack […]")
        #expect(feed.items[1].text.summary == "Delegations met on Monday.\nA statement followed.")
        #expect(feed.items[2].text.summary == "Rescue teams reached the valley. More to follow.")
        #expect(
            feed.warnings == [
                "4 unescaped HTML tags in text elements (<b>, <br>, <a>, …) read as escaped HTML, first at line 21"
            ])
    }
}
