import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// Documents whose label says one encoding and whose bytes are another are
/// read as their bytes say, and genuine Latin-1 stays Latin-1.
@Suite("Mislabelled character encodings")
struct MislabelledCharsetTests {
    private static func rss(declaring encoding: String?, title: [UInt8]) -> Data {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? ""
        return Data(
            Array("\(declaration)<rss version=\"2.0\"><channel><title>".utf8) + title
                + Array("</title></channel></rss>".utf8))
    }

    /// UTF-8 title bytes under a label: (declaration, HTTP charset).
    static let labels: [(declared: String?, http: String?)] = [
        ("ISO-8859-1", nil), ("windows-1252", nil), ("latin1", nil), (nil, "ISO-8859-1"),
        ("utf-8", "iso-8859-1"), ("windows-1252", "windows-1252"), ("iso-8859-15", nil),
        ("koi8-r", nil), ("windows-1251", nil),
    ]

    @Test("UTF-8 under a single-byte label is read as UTF-8", arguments: labels)
    func utf8UnderASingleByteLabel(declared: String?, http: String?) throws {
        let feed = try FeedParser.parse(
            Self.rss(declaring: declared, title: Array("Brøndby – Kø".utf8)),
            contentType: http.map { "text/xml; charset=\($0)" })
        #expect(feed.title == "Brøndby – Kø")
        #expect(feed.warnings.count == 1)
        #expect(
            feed.warnings.first?.contains(
                "but the bytes are UTF-8 (3 characters in UTF-8, 0 stray bytes); read as UTF-8")
                == true,
            "\(feed.warnings)")
    }

    @Test func strayLatin1BytesAmongUTF8AreReadAsWindows1252() throws {
        // UTF-8, then “café” and a curly quote in windows-1252.
        let title = Array("Brøndby – København".utf8) + Array(" caf".utf8) + [0xE9, 0x20, 0x93]
        let feed = try FeedParser.parse(Self.rss(declaring: "iso-8859-1", title: title))
        #expect(feed.title == "Brøndby – København café \u{201C}")
        #expect(
            feed.warnings == [
                "the XML declaration says iso-8859-1 but the bytes are UTF-8 (3 characters in UTF-8, 2 stray bytes); read as UTF-8, the stray bytes as windows-1252 first at line 1"
            ])
    }

    @Test func undeclaredUTF8WithAStrayByteIsNotMojibake() throws {
        let title = Array("Brøndby København".utf8) + Array(" caf".utf8) + [0xE9]
        let feed = try FeedParser.parse(Self.rss(declaring: nil, title: title))
        #expect(feed.title == "Brøndby København café")
        #expect(
            feed.warnings == [
                "the bytes are not all valid UTF-8 (2 characters in UTF-8, 1 stray byte); read as UTF-8, the stray byte as windows-1252 at line 1"
            ])
    }

    @Test func aTieGoesToTheLabel() throws {
        // One UTF-8 character and one stray byte: UTF-8 when the label says
        // so (here a byte order mark), windows-1252 when it says that.
        let title = Array("Ѩ ".utf8) + Array("Espa".utf8) + [0xF1] + Array("a".utf8)
        let marked = try FeedParser.parse(
            Data([0xEF, 0xBB, 0xBF]) + Self.rss(declaring: nil, title: title))
        #expect(marked.title == "Ѩ España")
        let latin1 = try FeedParser.parse(Self.rss(declaring: "windows-1252", title: title))
        #expect(latin1.title == "Ñ¨ España")
    }

    @Test func validUTF8DeclaredUTF8WinsOverAnyHTTPCharset() throws {
        for charset in ["windows-1251", "iso-8859-1", "koi8-r", "shift_jis"] {
            let feed = try FeedParser.parse(
                Self.rss(declaring: "UTF-8", title: Array("Москва, Brøndby, 東京".utf8)),
                contentType: "application/rss+xml; charset=\(charset)")
            #expect(feed.title == "Москва, Brøndby, 東京", "\(charset)")
            #expect(feed.warnings.count == 1, "\(charset)")
        }
    }

    /// Latin-1 text rarely forms UTF-8 sequences: only an upper-case accented
    /// letter directly followed by punctuation does, and never alone.
    static let latin1: [String] = [
        "Brøndby København", "CAFÉ» et NOËL", "Fußball “WM”", "NÖ¿ Ärger à l’été",
        "Élysée: «RÉFORME»", "Ça coûte 10 € — trop", "ÉTÉ” — À» où",
    ]

    @Test("Genuine Latin-1 stays Latin-1", arguments: latin1)
    func genuineLatin1(text: String) throws {
        let bytes = try #require(text.data(using: .windowsCP1252).map(Array.init))
        let feed = try FeedParser.parse(Self.rss(declaring: "iso-8859-1", title: bytes))
        #expect(feed.title == text)
        #expect(feed.warnings.isEmpty)
    }

    @Test func theEvidenceCountsSequencesAndStrays() {
        let evidence = UTF8Evidence(
            Array("ø".utf8) + [0xE9, 0x41] + Array("€😀".utf8) + [0xC3])
        #expect(evidence.sequences == 3)
        #expect(evidence.strayBytes == 2)
        #expect(evidence.favoursUTF8(labelledUTF8: false))
        // One accidental pair (É») and one Latin-1 letter: a tie, and the label wins.
        let tie = UTF8Evidence([0xE9, 0x41, 0xC9, 0xBB])
        #expect(!tie.favoursUTF8(labelledUTF8: false))
        #expect(tie.favoursUTF8(labelledUTF8: true))
        #expect(UTF8Evidence(Array("plain".utf8)).isValidUTF8)
        #expect(!UTF8Evidence(Array("plain".utf8)).favoursUTF8(labelledUTF8: true))
        // Overlong forms, surrogates and values past U+10FFFF are strays.
        #expect(
            UTF8Evidence([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]).sequences == 0)
        #expect(
            UTF8Evidence.decodeRepairingStrays(Array("ø".utf8) + [0x93, 0xE9])
                == Array("ø“é".utf8))
    }

    @Test("A windows-1252 feed whose bytes are UTF-8")
    func windows1252DeclaredFixture() throws {
        let feed = try parsedFixture("windows1252_declared_utf8.xml")
        #expect(feed.title == "Sporten – Nyheder")
        #expect(
            feed.items.map(\.title) == [
                "Brøndby slår FC København 2–1", "Håndboldlandsholdet udtaget",
            ])
        #expect(
            feed.items[0].text.summary
                == "Kampen på Brøndby Stadion blev afgjort i overtiden. “Fantastisk,” sagde træneren."
        )
        #expect(feed.items[1].text.summary == "Truppen til VM er klar. Læs mere på caféen.")
        #expect(
            feed.warnings == [
                "the XML declaration says windows-1252 but the bytes are UTF-8 (14 characters in UTF-8, 1 stray byte); read as UTF-8, the stray byte as windows-1252 at line 17"
            ])
    }
}
