import FeedModel
import Foundation
import Testing

@testable import FeedParser

/// The text the matcher sees is the text a reader sees: only block-level
/// elements separate words, inline ones never do, wherever they stand. Each
/// case is read by both readers (libxml2's HTML parser and the fast Swift
/// one, when it takes the case on) and through `HTMLText`.
@Suite("Words across markup")
struct WordBoundaryTests {
    static let inline: [(html: String, text: String)] = [
        // At the very start of a fragment.
        (#"<span class="dropcap">R</span>apid Support Forces"#, "Rapid Support Forces"),
        ("<b>Prigo</b>zhin", "Prigozhin"),
        ("<em>K</em>abul<strong>!</strong>", "Kabul!"),
        // In the middle and at the end.
        ("Yevgeny Pri<i>go</i>zhin said", "Yevgeny Prigozhin said"),
        ("Yevgeny Prigo<b>zhin</b>", "Yevgeny Prigozhin"),
        ("<p>Leader of <a href=\"/w\">Wag</a>ner</p>", "Leader of Wagner"),
        // Nested inline elements, and unknown ones, which are inline too.
        ("<a href=\"x\"><b>Pri</b><i>go</i></a>zhin", "Prigozhin"),
        ("<font color=\"red\"><u>W</u></font><small>agner</small>", "Wagner"),
        ("<o:p>Ha</o:p>mas", "Hamas"),
        ("<custom-tag>Ha</custom-tag>mas and <x>Fa</x>tah", "Hamas and Fatah"),
        ("<mark>Taliban</mark><sup>1</sup>", "Taliban1"),
        // Across entity references.
        ("Caf<i>&eacute;</i> Kabul", "Café Kabul"),
        ("&Eacute;<b>lys</b>&eacute;e", "Élysée"),
        ("<b>Sha&#8217;</b>ra&rsquo;a", "Sha’ra’a"),
        ("<span>&nbsp;Kabul</span>", "Kabul"),
    ]

    static let block: [(html: String, text: String)] = [
        ("<p>Rapid</p>Support", "Rapid\nSupport"),
        ("<div>A</div><div>B</div>", "A\nB"),
        ("A<br>B<br/>C", "A\nB\nC"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("<h2>Title</h2>text", "Title\ntext"),
        ("<p>one</p>\n  <p>two</p>", "one\ntwo"),
        ("<blockquote>q</blockquote>after", "q\nafter"),
        ("<section>a</section><article>b</article><aside>c</aside>", "a\nb\nc"),
        ("<fieldset><legend>L</legend>body</fieldset>end", "L\nbody\nend"),
        ("<details><summary>S</summary>body</details>", "S\nbody"),
        ("<dl><dt>term</dt><dd>meaning</dd></dl>", "term\nmeaning"),
        (
            "<figure><img src=\"a.jpg\" alt=\"Map\"><figcaption>The map</figcaption></figure>",
            "Map\nThe map"
        ),
        ("<pre>code</pre>text<hr>more", "code\ntext\nmore"),
        ("<b>bold</b><p>para</p>", "bold\npara"),
        // Whatever is not text a reader sees.
        ("<script>var x = '<b>no</b>';</script>Rapid", "Rapid"),
        ("Ka<style>p{color:red}</style>bul", "Kabul"),
        ("<p>Tom &amp; Jerry&nbsp;&mdash; &#8220;friends&#x201D;</p>", "Tom & Jerry — “friends”"),
    ]

    private func expectText(_ html: String, _ text: String) {
        #expect(HTMLSAXReader().text(of: html) == text, "libxml2: \(html.debugDescription)")
        if let fast = SimpleHTMLReader.text(of: html) {
            #expect(fast == text, "fast reader: \(html.debugDescription)")
        }
        #expect(HTMLText.plainText(html) == text, "\(html.debugDescription)")
    }

    @Test("Inline elements never split a word", arguments: inline)
    func inlineElements(html: String, text: String) {
        expectText(html, text)
    }

    @Test("Block elements separate words", arguments: block)
    func blockElements(html: String, text: String) {
        expectText(html, text)
    }

    @Test func theFastReaderTakesOnDropCaps() {
        #expect(SimpleHTMLReader.text(of: "<span>R</span>apid") == "Rapid")
        #expect(SimpleHTMLReader.text(of: "<b>Prigo</b>zhin <i>said</i>") == "Prigozhin said")
    }

    @Test func titlesAreOneLine() throws {
        let xml = """
            <rss version="2.0"><channel><title>&lt;p&gt;Feed&lt;/p&gt;&lt;p&gt;name&lt;/p&gt;</title>
            <item><title>&lt;b&gt;Breaking&lt;/b&gt;&lt;br&gt;Wag&lt;i&gt;ner&lt;/i&gt; &lt;div&gt;mutiny&lt;/div&gt;</title>
            <description>&lt;span class="dropcap"&gt;R&lt;/span&gt;apid &lt;b&gt;Prigo&lt;/b&gt;zhin</description>
            <link>https://example.org/1</link></item></channel></rss>
            """
        let feed = try FeedParser.parse(Data(xml.utf8))
        #expect(feed.title == "Feed name")
        #expect(feed.items[0].title == "Breaking Wagner mutiny")
        #expect(feed.items[0].text.title == "Breaking Wagner mutiny")
        #expect(feed.items[0].text.summary == "Rapid Prigozhin")
    }
}
