import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// `SimpleHTMLReader` promises libxml2's text exactly, or nil: every test
/// here runs both readers and holds whatever the fast one accepts to the
/// libxml2 one, byte for byte.
@Suite("HTML to text without libxml2")
struct SimpleHTMLReaderTests {
    /// The reading libxml2 gives, and the fast reader's when it reads it.
    private func bothReadings(_ html: String) -> (libxml2: String, fast: String?) {
        (HTMLSAXReader().text(of: html), SimpleHTMLReader.text(of: html))
    }

    private func expectSameText(_ html: String, mustRead: Bool = false) {
        let (libxml2, fast) = bothReadings(html)
        if mustRead { #expect(fast != nil, "left to libxml2: \(html.debugDescription)") }
        if let fast {
            #expect(fast == libxml2, "\(html.debugDescription)")
        }
    }

    @Test("Summaries as feeds write them are read without libxml2")
    func commonMarkup() {
        let cases = [
            "plain &amp; simple",
            "<p>One</p><p>Two</p>",
            #"<p>flood <a href="https://news.example.org/a?x=1&y=2">talks</a> &#8212; army</p>"#,
            "<div><div><p>nested <em>deep</em></p></div></div>",
            "un<b>believ</b>able <i>news</i>",
            "Tom &amp; Jerry&nbsp;&mdash; &#8220;friends&#x201D; &rsquo;",
            "  <p>  lots \n\n of \t space  </p>  ",
            "<ul><li>a</li><li>b</li></ul>x<br>y<br/>z<br />w",
            #"A <img src="x.png" alt="cat"> sat <IMG ALT='dog'/> too"#,
            "<p>Привет, <b>мир</b></p> 漢字",
            "<table><tr><td>a</td><td>b</td></tr></table>",
            "<h2>Title</h2><blockquote>quote</blockquote><hr>after",
            "<b>x</b> y", "a<!-- c -->b", "<!--more-->\n  <p>text</p>",
            "<p>a<script>var x = '<b>no</b>';</script>b</p>", "<p>x<style>p{}</style>y</p>",
            #"<blockquote>post</blockquote><script async src="https://x.example/w.js"></script>"#,
            #"<p>See <iframe src="https://v.example/1" allowfullscreen></iframe>this</p>"#,
            "<p>one<p>two",
            "<li>a<li>b",
            "AT&T and Q&A, 5 &gt; 3", "&bogus; entity &AMP;",
            "<figure><img src=a.jpg alt=Map><figcaption>The map</figcaption></figure>",
            // Runs copied whole, and those that need folding.
            "<p> leading and trailing </p>", "<p>double  space</p>", "tab\there\r\nand more",
            "x&nbsp; y \u{A0} z", "<b>a</b> <i>b</i> ", "full\u{FF0C}width \u{A9} 2024",
        ]
        for html in cases { expectSameText(html, mustRead: true) }
    }

    @Test("What only libxml2 reads is left to it")
    func declinedMarkup() {
        let cases = [
            "<script>var x = '<b>no</b>';</script>visible", "<style>p{}</style>x",
            "a<!-- c -- d -->b",
            "<p>a<script><body>x</script>b</p>", "<p>a<style></p>x</style>b</p>", "<script/>x",
            "<![CDATA[x]]>", "5 < 6", "<o:p>word</o:p>", "<p>a<b>b</p>c",
            "x\u{1}y", "x\u{FFFE}y", "<p", "<html><body>x</body></html>", "&é;",
            #"<img alt="R&amp;D">"#, "<p>unclosed <b>bold</p> more",
        ]
        for html in cases {
            #expect(SimpleHTMLReader.text(of: html) == nil, "\(html.debugDescription)")
            expectSameText(html)
        }
    }

    @Test("Every entity libxml2 knows decodes alike")
    func everyEntity() {
        let entities = LibXML2Functions.htmlEntities(below: 0x1_0000)
        // HTML 4 has 253; libxml2 2.9 knows them all and no others, and the
        // fast reader's table lists them.
        #expect(entities.count >= 253)
        #expect(Set(entities.map(\.name)) == Set(HTMLEntityTable.names))
        for entity in entities {
            expectSameText("a &\(entity.name); b", mustRead: true)
            expectSameText("&\(entity.name) without a semicolon", mustRead: true)
        }
        for value: UInt32 in [9, 10, 13, 32, 65, 127, 128, 159, 160, 173, 0x2028, 0xFFFD, 0x1F600] {
            expectSameText("x&#\(value);y", mustRead: true)
            expectSameText("x&#x\(String(value, radix: 16));y", mustRead: true)
        }
    }

    @Test("Start tags close open elements as libxml2 has them")
    func startTagsCloseElements() {
        let names = HTMLElementTable.shared.elements.map(\.name)
        #expect(names.count > 50)
        for open in names {
            for new in names {
                // libxml2 implies a head for `script` and `style` before the
                // body: inside a paragraph, the fast reader takes them on.
                let isRawText =
                    open == "script" || open == "style" || new == "script" || new == "style"
                expectSameText(
                    "<\(open)>a<\(new)>b</\(new)>c</\(open)>d", mustRead: !isRawText)
                expectSameText("<p>x<\(open)>a<\(new)>b</\(new)>c</\(open)>d</p>")
            }
        }
    }

    @Test("Random fragments read alike", arguments: 0..<8)
    func randomFragments(batch: UInt64) {
        var generator = HTMLSnippetGenerator(seed: 0x5EED_0000 + batch)
        var read = 0
        let count = 5000
        for _ in 0..<count {
            let html = generator.snippet()
            let (libxml2, fast) = bothReadings(html)
            guard let fast else { continue }
            read += 1
            #expect(fast == libxml2, "\(html.debugDescription)")
        }
        // The generator mostly writes markup the fast reader takes on.
        #expect(read > count / 5, "only \(read) of \(count) read without libxml2")
    }

    @Test("Item texts of the bundled and conformance feeds read alike")
    func feedTexts() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folders = [
            packageRoot.appendingPathComponent("examples/feeds"),
            packageRoot.appendingPathComponent("Tests/FeedParserTests/Fixtures"),
            packageRoot.appendingPathComponent("Benchmarks/Conformance/corpus/feeds"),
        ]
        var compared = 0
        for folder in folders {
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: nil)
            while let file = enumerator?.nextObject() as? URL {
                guard let data = try? Data(contentsOf: file),
                    let feed = try? FeedParser.parse(data)
                else { continue }
                let texts =
                    [feed.description] + feed.items.flatMap { [$0.summary, $0.content, $0.title] }
                for case let html? in texts where HTMLText.needsParsing(html) {
                    expectSameText(html)
                    compared += 1
                }
            }
        }
        // The bundled feeds and fixtures alone give about 25: the rest proves the corpus was read.
        #expect(compared > 200)
    }
}
