import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// The parser takes UTF-8 on trust and checks it only when libxml2
/// complains: a byte that is not UTF-8 anywhere in the document must still
/// send the whole document through the untrusting decode.
@Suite struct UnverifiedUTF8Tests {
    static let notUTF8 = "the bytes are not valid UTF-8 (line 1) and no encoding is declared"

    /// Documents with one windows-1252 byte (0xE9, é) in a different place each.
    @Test(arguments: [
        ("title", "<rss version=\"2.0\"><channel><title>caf\u{E9}</title></channel></rss>"),
        (
            "attribute",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>caf\u{E9}</title>"
                + "<link href=\"http://a.example/\u{E9}\"/></feed>"
        ),
        (
            "CDATA",
            "<rss version=\"2.0\"><channel><title>caf\u{E9}</title><item>"
                + "<description><![CDATA[caf\u{E9}]]></description></item></channel></rss>"
        ),
        (
            "comment",
            "<rss version=\"2.0\"><!-- caf\u{E9} --><channel><title>caf\u{E9}</title></channel></rss>"
        ),
        (
            "processing instruction",
            "<?xml version=\"1.0\"?><?note caf\u{E9}?><rss version=\"2.0\"><channel>"
                + "<title>caf\u{E9}</title></channel></rss>"
        ),
        (
            "internal subset",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"caf\u{E9}\">]>"
                + "<rss version=\"2.0\"><channel><title>&e;</title></channel></rss>"
        ),
    ])
    func aStrayLegacyByteIsFoundWherever(place: String, document: String) throws {
        // Latin-1 bytes: every character above is one byte.
        let bytes = Data(document.unicodeScalars.map { UInt8($0.value) })
        let feed = try FeedParser.parse(bytes)
        #expect(feed.title == "café", "\(place)")
        #expect(feed.warnings.contains { $0.hasPrefix(Self.notUTF8) }, "\(place)")
    }

    @Test(arguments: [
        ("overlong", [0xC0, 0xAF] as [UInt8]), ("surrogate", [0xED, 0xA0, 0x80]),
        ("cut short", [0xE2, 0x82]), ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ])
    func malformedSequencesAreNotTakenForUTF8(kind: String, sequence: [UInt8]) throws {
        let bytes =
            Array("<rss version=\"2.0\"><channel><title>A".utf8) + sequence
            + Array("B</title></channel></rss>".utf8)
        let feed = try FeedParser.parse(Data(bytes))
        #expect(feed.warnings.contains { $0.hasPrefix(Self.notUTF8) }, "\(kind)")
        #expect(feed.title?.hasPrefix("A") == true && feed.title?.hasSuffix("B") == true)
    }

    /// The first reading's push parser checks CDATA for structure only and
    /// would take overlong forms as characters; they are found all the same.
    @Test(arguments: [
        ("overlong, two bytes", [0xC1, 0xBF] as [UInt8]),
        ("overlong, three bytes", [0xE0, 0x81, 0x80]),
        ("overlong, four bytes", [0xF0, 0x80, 0x81, 0x80]), ("surrogate", [0xED, 0xA0, 0x80]),
        ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ])
    func malformedSequencesInCDATAAreNotTakenForUTF8(kind: String, sequence: [UInt8]) throws {
        let bytes =
            Array(
                "<rss version=\"2.0\"><channel><title>T</title><item><description><![CDATA[A".utf8)
            + sequence + Array("B]]></description></item></channel></rss>".utf8)
        let feed = try FeedParser.parse(Data(bytes))
        #expect(feed.warnings.contains { $0.hasPrefix(Self.notUTF8) }, "\(kind)")
        let summary = try #require(feed.items.first?.summary)
        #expect(summary.hasPrefix("A") && summary.hasSuffix("B"), "\(kind)")
    }

    @Test func validUTF8WithAnXMLErrorIsKept() throws {
        // Ill-formed (an unclosed element), so libxml2 complains, but the
        // bytes are UTF-8: the check finds nothing and the text stands.
        let feed = try FeedParser.parse(
            Data("<rss version=\"2.0\"><channel><title>Kābul café</title><item>".utf8))
        #expect(feed.title == "Kābul café")
        #expect(!feed.warnings.contains { $0.contains("UTF-8") })
    }

    @Test func aNotAFeedErrorQuotesTheDocumentAsDecoded() {
        let bytes = Array("<caf".utf8) + [0xE9] + Array("/>".utf8)
        do {
            _ = try FeedParser.parse(Data(bytes))
            Issue.record("a document whose root is <café/> parsed as a feed")
        } catch {
            #expect("\(error)".contains("<café>"))
        }
    }
}
