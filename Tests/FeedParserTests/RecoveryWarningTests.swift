import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// Every repair the parser makes shows in `Feed.warnings`, with where; a
/// repair made a thousand times is one warning with a count.
@Suite("Recovery warnings")
struct RecoveryWarningTests {
    private func parse(_ xml: String, contentType: String? = nil) throws -> Feed {
        try FeedParser.parse(Data(xml.utf8), contentType: contentType)
    }

    private func rss(_ items: String) -> String {
        "<rss version=\"2.0\"><channel><title>T</title>\n\(items)\n</channel></rss>"
    }

    // MARK: - The entity pre-pass

    @Test func undeclaredHTMLEntitiesAreOneWarningWithNamesAndFirstLine() throws {
        let feed = try parsedFixture("undeclared_entities.xml")
        #expect(
            feed.warnings == [
                "5 undeclared HTML entities (&eacute;, &mdash;, &nbsp;, …) read as in HTML, first at line 2"
            ])
    }

    @Test func thousandsOfRepairsStayOneWarningEach() throws {
        let items = (1...2000).map {
            "<item><title>A&nbsp;B \($0)</title><link>http://x.example/?a=\($0)&b=2</link></item>"
        }
        let feed = try parse(rss(items.joined(separator: "\n")))
        #expect(feed.items.count == 2000)
        #expect(feed.items.last?.link == "http://x.example/?a=2000&b=2")
        #expect(
            feed.warnings == [
                "2000 undeclared HTML entities (&nbsp;) read as in HTML, first at line 2",
                "2000 bare &s that start no reference kept as text, first at line 2",
            ])
    }

    @Test func aStrayLessThanIsText() throws {
        let feed = try parse(rss("<item><title>x</title>\n<description>5 < 6</description></item>"))
        #expect(feed.items.first?.summary == "5 < 6")
        #expect(feed.warnings == ["1 < that starts no tag kept as text, at line 3"])
    }

    @Test func badCharacterReferencesAreNamed() throws {
        let feed = try parse(rss("<item><title>&#0;zero &#X41;</title></item>"))
        // The title is HTML, whose reduction to text drops the reference kept.
        #expect(feed.items.first?.title == "zero A")
        #expect(
            feed.warnings == [
                "1 reference to characters XML forbids (&#0;) kept as text, at line 2",
                "1 hexadecimal reference with an upper-case X (&#X41;) read anyway, at line 2",
            ])
    }

    @Test func controlCharactersAndC1PunctuationAreRepaired() throws {
        let feed = try parse(
            rss("<item><title>a\u{1}b</title>\n<description>\u{93}hi&#148;</description></item>"))
        #expect(feed.items.first?.title == "a b")
        #expect(feed.items.first?.summary == "\u{201C}hi\u{201D}")
        #expect(
            feed.warnings == [
                "1 control character XML forbids replaced by spaces, at line 2",
                "2 C1 control characters read as the windows-1252 punctuation meant, first at line 3",
            ])
    }

    /// A document otherwise clean, whose C1 controls are only references:
    /// libxml2 decodes them into the text without a complaint.
    @Test func c1PunctuationWrittenAsReferencesIsRepaired() throws {
        let feed = try parse(
            rss("<item><description>don&#146;t &#x93;go&#x0094;</description></item>"))
        #expect(feed.items.first?.summary == "don\u{2019}t \u{201C}go\u{201D}")
        #expect(
            feed.warnings == [
                "3 C1 control characters read as the windows-1252 punctuation meant, first at line 2"
            ])
    }

    @Test func wellFormedReferencesAreNoRepair() throws {
        let feed = try parse(
            rss("<item><title>Tom &amp; Jerry &#8212; &lt;3 &#x41;</title></item>"))
        #expect(feed.items.first?.title == "Tom & Jerry — <3 A")
        #expect(feed.warnings.isEmpty)
    }

    @Test func htmlNamesResolvedBesideAnInternalSubsetAreReported() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY site "Wire">]>
            <rss version="2.0"><channel><title>&site;</title>
            <item><title>A&nbsp;B &nbsp;</title></item></channel></rss>
            """
        let feed = try parse(xml)
        #expect(feed.title == "Wire")
        #expect(feed.items.first?.title?.hasPrefix("A") == true)
        #expect(feed.items.first?.title?.contains("nbsp") == false)
        #expect(feed.warnings == ["line 4: undeclared HTML entity &nbsp; read as HTML"])
    }

    // MARK: - libxml2's recover mode

    @Test func recoveredXMLErrorsSayWhere() throws {
        let feed = try parsedFixture("illformed_mismatch.xml")
        #expect(
            feed.warnings.contains(
                "ill-formed XML, recovered: line 3, column 69: Attribute isPermaLink redefined"))
    }

    @Test func xmlErrorsPastTheFirstFiveAreCountedAll() throws {
        let items = (1...60).map { "<item><guid a=\"1\" a=\"2\">g\($0)</guid></item>" }
        let feed = try parse(rss(items.joined(separator: "\n")))
        #expect(feed.items.count == 60)
        let recovered = feed.warnings.filter { $0.hasPrefix("ill-formed XML, recovered: ") }
        #expect(recovered.count == 5)
        #expect(recovered.first?.contains("line 2,") == true)
        // libxml2 reported all 60, though only 50 are kept.
        #expect(feed.warnings.last == "55 more XML errors")
    }

    // MARK: - Character encodings

    @Test func undeclaredLegacyBytesSayWhereUTF8Failed() throws {
        let bytes =
            Array("<rss version=\"2.0\"><channel>\n<title>Caf".utf8) + [0xE9]
            + Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(Data(bytes))
        #expect(feed.title == "Café")
        #expect(
            feed.warnings == [
                "the bytes are not valid UTF-8 (line 2) and no encoding is declared; read as windows-1252, a guess"
            ])
    }

    @Test func httpCharsetAndDeclarationThatDisagreeAreReported() throws {
        let bytes =
            Array(#"<?xml version="1.0" encoding="utf-8"?><rss><channel><title>"#.utf8)
            + ("Привет".data(using: .windowsCP1251).map(Array.init) ?? [])
            + Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(
            Data(bytes), contentType: "text/xml; charset=windows-1251")
        #expect(feed.title == "Привет")
        #expect(
            feed.warnings == [
                "the HTTP charset (windows-1251) and the XML declaration (utf-8) disagree; read as windows-1251"
            ])
    }

    @Test func namesOfOneEncodingOrPlainASCIIDoNotDisagree() throws {
        let latin1 = try #require(
            #"<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>Café</title></channel></rss>"#
                .data(using: .isoLatin1))
        #expect(
            try FeedParser.parse(latin1, contentType: "text/xml; charset=ISO-8859-1").warnings
                .isEmpty)
        let ascii =
            #"<?xml version="1.0" encoding="koi8-r"?><rss><channel><title>Hi</title></channel></rss>"#
        #expect(try parse(ascii, contentType: "text/xml; charset=utf-8").warnings.isEmpty)
    }

    @Test func aWrongHTTPCharsetFallsBackToTheDeclaration() throws {
        let bytes =
            Array(#"<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>Caf"#.utf8)
            + [0xE9] + Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(
            Data(bytes), contentType: "application/rss+xml; charset=utf-8")
        #expect(feed.title == "Café")
        #expect(
            feed.warnings == [
                "the bytes are not valid utf-8 (line 1) as the HTTP charset says; read as windows-1252"
            ])
    }

    // MARK: - Dates and items

    @Test func unreadableDatesAreCountedWithTheFirst() throws {
        let feed = try parse(
            rss(
                """
                <item><title>a</title><pubDate>yesterday</pubDate></item>
                <item><title>b</title><pubDate>Tue, 24 Nov 2026 12:31:00 GMT</pubDate></item>
                <item><title>c</title><pubDate>soon</pubDate><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/"></dc:date></item>
                """))
        #expect(feed.items.map { $0.published == nil } == [true, false, true])
        #expect(
            feed.warnings == [
                "2 dates not understood (the first \"yesterday\", line 2); left without a date"
            ])
    }

    @Test func anUnreadableDateInATruncatedItemHasNoLine() throws {
        let feed = try parse("<rss version=\"2.0\"><channel><item><pubDate>later")
        #expect(feed.items.count == 1)
        #expect(
            feed.warnings.last == "1 date not understood (\"later\"); left without a date")
    }

    @Test func unreadableAtomAndJSONFeedDates() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
            <updated>the other day</updated></feed>
            """
        #expect(
            try parse(atom).warnings == [
                "1 date not understood (\"the other day\", line 2); left without a date"
            ])
        let json = #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "J",
             "items": [{"id": "1", "date_published": "someday"}]}
            """#
        #expect(
            try parse(json).warnings == [
                "1 date not understood (\"someday\"); left without a date"
            ])
    }

    @Test func jsonFeedItemsThatAreNotObjectsAreDroppedAndCounted() throws {
        let json = #"""
            {"version": "https://jsonfeed.org/version/1.1", "title": "J",
             "items": [{"id": "1"}, "two", 3]}
            """#
        let feed = try parse(json)
        #expect(feed.items.map(\.id) == ["1"])
        #expect(feed.warnings == ["2 JSON Feed items are not objects; skipped"])

        let notAnArray = #"{"version": "https://jsonfeed.org/version/1", "items": {"id": "1"}}"#
        #expect(
            try parse(notAnArray).warnings == [
                "JSON Feed \"items\" is not an array; no items read"
            ])
    }
}
