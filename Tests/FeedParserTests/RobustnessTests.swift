import FeedModel
import Foundation
import Testing

@testable import FeedParser

@Suite("Real-world breakage")
struct RobustnessTests {
    @Test func htmlEntitiesDoNotEatLaterAmpersands() throws {
        let feed = try parsedFixture("undeclared_entities.xml")
        // `&nbsp;` in a title reads as a plain space.
        #expect(feed.title == "Café — news today")
        let item = try #require(feed.items.first)
        #expect(item.title == "It\u{2019}s here")
        #expect(item.link == "http://ents.example/a?x=1&y=2&z=<3>")
        #expect(item.summary == "Tom & Jerry …")
    }

    @Test func bareAmpersandsAreText() throws {
        let feed = try parsedFixture("bare_ampersand.xml")
        #expect(feed.title == "AT&T news")
        let item = try #require(feed.items.first)
        #expect(item.title == "Q&A session")
        #expect(item.link == "http://amp.example/page?a=1&b=2")
        #expect(item.summary == "R&D & more &bogus; stuff")
        #expect(
            feed.warnings == [
                "1 unknown entity (&bogus;) kept as text, at line 3",
                "4 bare &s that start no reference kept as text, first at line 2",
            ])
    }

    @Test func illFormedDocumentRecoversAndWarns() throws {
        let feed = try parsedFixture("illformed_mismatch.xml")
        #expect(feed.items.count == 2)
        #expect(feed.warnings.contains { $0.contains("ill-formed XML") && $0.contains("line 3") })
        // Once libxml2 2.9.14 marks a document ill-formed it drops later named
        // entities; the links must keep their `&`.
        #expect(feed.items[0].link == "http://broken.example/1?a=1&b=2")
        #expect(feed.items[1].link == "http://broken.example/2?c=3&d=4")
        #expect(feed.items[1].title == "Two — after")
        #expect(feed.items[0].summary == "5 < 6 is true")
    }

    @Test func truncatedDocumentKeepsWhatArrived() throws {
        let feed = try parsedFixture("truncated.xml")
        #expect(feed.title == "Cut short")
        #expect(feed.items.map(\.title) == ["Complete item", "Partial item"])
        #expect(!feed.warnings.isEmpty)
    }

    @Test func emptyFileIsNotAFeed() throws {
        #expect(parseError(try fixture("empty.xml")) == .notAFeed(reason: "the document is empty"))
        #expect(parseError(Data("   \n".utf8)) == .notAFeed(reason: "the document is empty"))
    }

    @Test func htmlPageIsNotAFeed() throws {
        let error = parseError(try fixture("html_page.html"))
        #expect(error == .notAFeed(reason: "an HTML page, not a feed"))
        #expect(error?.description.hasPrefix("parser: ") == true)
    }

    @Test(arguments: [
        ("hello world", "it starts with text, not with markup or JSON"),
        ("\u{0}\u{1}\u{2}", "it starts with text, not with markup or JSON"),
        ("<", "the root element <> is not rss, rdf:RDF or feed"),
        ("<<<>>>", "the root element <<<> is not rss, rdf:RDF or feed"),
    ])
    func garbageIsNotAFeed(junk: String, reason: String) {
        #expect(parseError(Data(junk.utf8)) == .notAFeed(reason: reason))
    }

    @Test func aStartTagCutShortIsAnEmptyFeedWithAWarning() throws {
        let feed = try FeedParser.parse(Data("<rss".utf8))
        #expect(feed.format == .rss20)
        #expect(feed.title == nil)
        #expect(feed.items.isEmpty)
        #expect(
            feed.warnings == [
                "ill-formed XML, recovered: line 1, column 5: Couldn't find end of Start Tag rss line 1"
            ])
    }

    @Test func cdataIsTextNotMarkup() throws {
        let xml =
            "<rss><channel><item><title><![CDATA[A <b>&amp;</b> B]]></title></item></channel></rss>"
        let item = try #require(try FeedParser.parse(Data(xml.utf8)).items.first)
        #expect(item.title == "A & B")  // HTML reduced: CDATA held escaped HTML
    }

    @Test func controlCharactersDoNotStopTheParse() throws {
        let xml =
            "<rss><channel><title>bad\u{1}byte</title><item><title>after</title></item></channel></rss>"
        let feed = try FeedParser.parse(Data(xml.utf8))
        #expect(feed.title == "bad byte")
        #expect(feed.items.count == 1)
    }

    @Test func relativeLinksResolveAgainstDocumentAndXMLBase() throws {
        let xml = """
            <rss version="2.0"><channel><link>/home</link>
            <item><link>a/b.html</link></item>
            <item xml:base="https://cdn.example.net/x/"><link>c.html</link></item></channel></rss>
            """
        let feed = try FeedParser.parse(
            Data(xml.utf8), baseURL: URL(string: "https://site.example/feeds/rss"))
        #expect(feed.link == "https://site.example/home")
        #expect(feed.items[0].link == "https://site.example/feeds/a/b.html")
        #expect(feed.items[1].link == "https://cdn.example.net/x/c.html")
    }

}

@Suite("Character encodings")
struct EncodingTests {
    @Test func declaredWindows1251() throws {
        let feed = try parsedFixture("windows1251_declared.xml")
        #expect(feed.title == "Новости дня")
        #expect(feed.items.first?.title == "Москва")
        #expect(feed.warnings.isEmpty)
    }

    @Test func undeclaredWindows1251IsGuessed() throws {
        let feed = try parsedFixture("windows1251_undeclared.xml")
        #expect(feed.title == "Новости дня")
        #expect(feed.warnings.contains { $0.hasSuffix("read as windows-1251, a guess") })
    }

    @Test func undeclaredWindows1252() throws {
        let feed = try parsedFixture("windows1252_undeclared.xml")
        #expect(feed.title == "Café \u{201C}quotes\u{201D} — dash")
        #expect(feed.warnings.contains { $0.hasSuffix("read as windows-1252, a guess") })
    }

    @Test func declaredKOI8R() throws {
        #expect(try parsedFixture("koi8r_declared.xml").title == "Привет")
    }

    @Test func utf16WithByteOrderMark() throws {
        #expect(try parsedFixture("utf16_bom.xml").title == "UTF-16 über 漢字")
    }

    @Test func unknownEncodingNameFallsBack() throws {
        let feed = try parsedFixture("unknown_encoding.xml")
        #expect(feed.title == "Café")
        #expect(feed.warnings.contains { $0.contains("x-no-such-charset") })
    }

    @Test func httpCharsetWinsOverDeclaration() throws {
        var bytes = Array(#"<?xml version="1.0" encoding="utf-8"?><rss><channel><title>"#.utf8)
        bytes += "Привет".data(using: .windowsCP1251).map(Array.init) ?? []
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(
            Data(bytes), contentType: "application/rss+xml; charset=windows-1251")
        #expect(feed.title == "Привет")
    }

    @Test func ebcdicWithDeclaration() throws {
        let text =
            #"<?xml version="1.0" encoding="cp037"?><rss><channel><title>Mainframe</title></channel></rss>"#
        let ebcdic = try #require(CodePage037.ebcdic(text))
        let feed = try FeedParser.parse(Data(ebcdic))
        #expect(feed.title == "Mainframe")
        #expect(feed.warnings.isEmpty)
    }

    @Test func latin1DeclarationReadsWindows1252Punctuation() throws {
        let bytes: [UInt8] =
            Array(#"<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>"#.utf8)
            + [0x93, 0x68, 0x69, 0x94] + Array("</title></channel></rss>".utf8)
        #expect(try FeedParser.parse(Data(bytes)).title == "\u{201C}hi\u{201D}")
    }
}

/// Code page 037 (EBCDIC) for the few characters test documents use.
enum CodePage037 {
    static func ebcdic(_ text: String) -> [UInt8]? {
        // ASCII letters, digits and punctuation in code page 037.
        let table: [Character: UInt8] = [
            "<": 0x4C, "?": 0x6F, ">": 0x6E, "=": 0x7E, "\"": 0x7F, " ": 0x40, ".": 0x4B, "/": 0x61,
            "0": 0xF0, "1": 0xF1, "3": 0xF3, "7": 0xF7,
        ]
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        let lower: [UInt8] = [
            0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94, 0x95,
            0x96,
            0x97, 0x98, 0x99, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9,
        ]
        var bytes: [UInt8] = []
        for character in text {
            if let byte = table[character] {
                bytes.append(byte)
            } else if let index = letters.firstIndex(of: Character(character.lowercased())) {
                bytes.append(character.isUppercase ? lower[index] + 0x40 : lower[index])
            } else {
                return nil
            }
        }
        return bytes
    }
}
