import Foundation
import Testing

@testable import FeedParser

@Suite struct OPMLTests {
    @Test func aReadersExportGivesEveryFeedWithItsFolders() throws {
        let feeds = try OPMLReader.read(fixture("opml/inoreader-export.opml"))
        #expect(feeds.count == 6)
        #expect(
            feeds[0]
                == OPMLFeed(
                    feedURL: "https://www.dawn.com/feeds/home", title: "Dawn - Home",
                    siteURL: "https://www.dawn.com/", folders: ["South Asia"]))
        #expect(feeds[1].title == "The Express Tribune \u{2013} Pakistan")
        #expect(feeds[1].folders == ["South Asia", "Pakistan"])
        #expect(feeds[2].title == "Geo & News")
        #expect(feeds[2].feedURL == "https://www.geo.tv/rss/1/1?format=rss&lang=en")
        #expect(feeds[3].folders == ["Wires <global>"])
        #expect(feeds[4].title == "Le Monde.fr - Actualités à la Une")
        #expect(
            feeds[5]
                == OPMLFeed(
                    feedURL: "http://example.org/loose.xml", title: "Unfiled \"loose\" feed"))
    }

    @Test func whatTheWriterWritesTheReaderReadsBack() throws {
        let entries = [
            OPMLWriter.Entry(
                title: "dawn", feedURL: "https://www.dawn.com/feeds/home",
                folders: ["afpak", "south-asia"]),
            OPMLWriter.Entry(
                title: "Geo & <News>", feedURL: "https://geo.tv/rss?a=1&b=2", folders: []),
        ]
        let document = OPMLWriter.document(title: "feedwatch \"feeds\"", entries: entries)
        #expect(document.contains("<opml version=\"2.0\">"))
        let feeds = try OPMLReader.read(Data(document.utf8))
        #expect(
            feeds.map { [$0.title ?? "", $0.feedURL, $0.folders.joined(separator: "/")] } == [
                ["Geo & <News>", "https://geo.tv/rss?a=1&b=2", ""],
                ["dawn", "https://www.dawn.com/feeds/home", "afpak"],
                ["dawn", "https://www.dawn.com/feeds/home", "south-asia"],
            ])
    }

    @Test func aFeedIsNotOPMLAndSaysWhatItIs() throws {
        #expect(
            throws: OPMLError.notOPML(
                reason:
                    "its root element is <rss>, not <opml> (a feed: add it with `feedwatch feeds add`)"
            )
        ) {
            try OPMLReader.read(Data("<rss version=\"2.0\"><channel/></rss>".utf8))
        }
        #expect(throws: OPMLError.notOPML(reason: "the file is empty")) {
            try OPMLReader.read(Data())
        }
        #expect(throws: OPMLError.self) {
            try OPMLReader.read(Data("just some text, no markup at all".utf8))
        }
    }

    @Test func anUnclosedListIsRefusedWithItsLine() throws {
        let cut =
            "<opml version=\"2.0\">\n<body>\n<outline text=\"a\" xmlUrl=\"https://a.example/feed\"/>\n<outline text=\"b\">\n"
        do {
            _ = try OPMLReader.read(Data(cut.utf8))
            Issue.record("an unclosed list was accepted")
        } catch {
            guard case .malformed(let line, _, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(line >= 4)
            #expect(error.description.hasPrefix("ill-formed OPML at line"))
        }
    }

    @Test func aHugeOrExplodingListIsRefused() throws {
        let huge = Data(count: OPMLReader.maximumDocumentSize + 1)
        #expect(throws: OPMLError.tooLarge(size: huge.count, limit: OPMLReader.maximumDocumentSize))
        {
            try OPMLReader.read(huge)
        }
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [\n<!ENTITY l0 \"lol\">\n"
        for level in 1...12 {
            let previous = "&l\(level - 1);"
            laughs += "<!ENTITY l\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        laughs +=
            "]>\n<opml version=\"2.0\"><body><outline text=\"&l12;\" xmlUrl=\"https://x.example/f\"/></body></opml>\n"
        #expect(throws: OPMLError.self) {
            try OPMLReader.read(Data(laughs.utf8))
        }
    }

    @Test func aPageAnnouncesItsFeedsResolvedAgainstThePage() throws {
        let page = """
            <!DOCTYPE html><html><head><title>News</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="alternate" type="application/rss+xml" title="All stories" href="/feed.xml">
            <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom/">
            <link rel="alternate" type="application/feed+json" href="https://cdn.example.net/feed.json">
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="/feed.xml">
            </head><body><p>Hello &amp; welcome</body></html>
            """
        let links = AnnouncedFeeds.find(
            in: Data(page.utf8),
            pageURL: try #require(URL(string: "https://news.example/world/index.html")))
        #expect(
            links.map(\.url.absoluteString) == [
                "https://news.example/feed.xml", "https://news.example/world/atom/",
                "https://cdn.example.net/feed.json",
            ])
        #expect(links.first?.title == "All stories")
        #expect(AnnouncedFeeds.looksLikeHTML(Data(page.utf8)))
        #expect(!AnnouncedFeeds.looksLikeHTML(Data("<rss version=\"2.0\"/>".utf8)))
    }

    @Test func aBaseElementMovesRelativeAddresses() throws {
        let page = """
            <html><head><base href="https://static.example/blog/">
            <link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>
            """
        let links = AnnouncedFeeds.find(
            in: Data(page.utf8), pageURL: try #require(URL(string: "https://example.org/")))
        #expect(links.map(\.url.absoluteString) == ["https://static.example/blog/atom.xml"])
    }
}
