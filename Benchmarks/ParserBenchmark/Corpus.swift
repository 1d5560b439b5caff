import BenchmarkSupport
import FeedParser
import Foundation

/// The generated corpora: seeded, so every run parses the same bytes.
enum Corpus: String, CaseIterable {
    /// Short summaries of two paragraphs and a link each, as the benchmark
    /// has always had (the fetch-pass benchmark serves these too).
    case standard
    /// Descriptions and content as news sites publish them: several
    /// paragraphs, links, entities and inline markup per item, a figure or
    /// a list now and then, a drop cap at the start of some.
    case htmlRich = "html-rich"

    /// The folder for this corpus next to the standard one's.
    func directory(standard: URL) -> URL {
        switch self {
        case .standard: standard
        case .htmlRich:
            standard.deletingLastPathComponent().appendingPathComponent(
                standard.lastPathComponent + "-html-rich", isDirectory: true)
        }
    }

    /// One feed of about `targetSize` bytes, RSS 2.0 (even index) or Atom 1.0 (odd).
    func feed(index: Int, targetSize: Int) -> String {
        switch self {
        case .standard: StandardFeed.make(index: index, targetSize: targetSize)
        case .htmlRich: RichHTMLFeed.make(index: index, targetSize: targetSize)
        }
    }
}

let words = [
    "minister", "floods", "election", "protest", "Karachi", "Lahore", "Kabul", "border", "talks",
    "army",
    "court", "ruling", "energy", "prices", "market", "report", "attack", "police", "rescue",
    "storm",
    "president", "meeting", "trade", "deal", "strike", "opposition", "budget", "health", "school",
    "water",
    "Zürich", "Москва", "café", "naïve", "東京", "Ελλάδα",
]

func sentence(_ generator: inout SeededGenerator, words count: Int) -> String {
    (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(
        separator: " ")
}

func escaped(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
}

func rfc822(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: date)
}

/// Wraps item bodies in an RSS 2.0 or Atom 1.0 document.
func document(index: Int, isAtom: Bool, body: String) -> String {
    if isAtom {
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Benchmark feed \(index)</title>
              <link rel="alternate" href="https://news.example.org/\(index)/"/>
              <updated>2024-01-01T00:00:00Z</updated>
              <id>tag:news.example.org,2024:\(index)</id>
            \(body)</feed>

            """
    }
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel>
          <title>Benchmark feed \(index)</title>
          <link>https://news.example.org/\(index)/</link>
          <description>Generated for parser-benchmark</description>
          <ttl>15</ttl>
        \(body)</channel>
        </rss>

        """
}

/// The corpus the benchmark has always generated, byte for byte.
enum StandardFeed {
    static func make(index: Int, targetSize: Int) -> String {
        var generator = SeededGenerator(state: UInt64(index) &* 7919 &+ 1)
        let isAtom = index % 2 == 1
        var body = ""
        var itemNumber = 0
        let day = 86400.0
        while body.utf8.count < targetSize {
            itemNumber += 1
            let title = escaped(sentence(&generator, words: 8))
            let html =
                "<p>\(sentence(&generator, words: 40))</p><p><a href=\"https://news.example.org/a?x=1&y=\(itemNumber)\">"
                + "\(sentence(&generator, words: 5))</a> &#8212; \(sentence(&generator, words: 30))</p>"
            let date = Date(
                timeIntervalSince1970: 1_700_000_000 + Double(index) * day + Double(itemNumber)
                    * 3600)
            let link = "https://news.example.org/\(index)/story-\(itemNumber)?ref=rss&amp;src=feed"
            if isAtom {
                body += """
                      <entry>
                        <title type="html">\(title)</title>
                        <link rel="alternate" href="\(link)"/>
                        <id>tag:news.example.org,2024:\(index)-\(itemNumber)</id>
                        <updated>\(FeedJSON.isoString(date))</updated>
                        <author><name>\(sentence(&generator, words: 2))</name></author>
                        <category term="\(words[itemNumber % words.count])"/>
                        <summary type="html">\(escaped(html))</summary>
                      </entry>

                    """
            } else {
                body += """
                      <item>
                        <title>\(title)</title>
                        <link>\(link)</link>
                        <guid isPermaLink="false">\(index)-\(itemNumber)</guid>
                        <pubDate>\(rfc822(date))</pubDate>
                        <dc:creator>\(sentence(&generator, words: 2))</dc:creator>
                        <category>\(words[itemNumber % words.count])</category>
                        <description>\(escaped(html))</description>
                        \(itemNumber % 3 == 0 ? "<content:encoded><![CDATA[\(html)]]></content:encoded>" : "")
                      </item>

                    """
            }
        }
        return document(index: index, isAtom: isAtom, body: body)
    }
}
