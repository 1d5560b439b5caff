import BenchmarkSupport
import FeedParser
import Foundation

/// Feeds whose items carry articles as news sites publish them: an escaped
/// HTML description of a few paragraphs and, for every other item, the whole
/// article (in CDATA for RSS, escaped for Atom), with links, emphasis,
/// typographic entities, a dateline, now and then a drop cap, a figure, a
/// list, a quote or a subheading; whole articles sometimes sit in a `div`,
/// carry an embedded video or post (an `iframe`, a `script`) or a comment.
enum RichHTMLFeed {
    static func make(index: Int, targetSize: Int) -> String {
        var generator = SeededGenerator(state: UInt64(index) &* 104_729 &+ 7)
        let isAtom = index % 2 == 1
        var body = ""
        var itemNumber = 0
        while body.utf8.count < targetSize {
            itemNumber += 1
            var writer = ArticleWriter(generator: generator, item: itemNumber)
            let title = writer.title()
            let summary = writer.article(paragraphs: 2 + writer.below(3))
            let article =
                itemNumber % 2 == 0 ? writer.fullArticle(paragraphs: 6 + writer.below(5)) : nil
            generator = writer.generator
            let date = Date(
                timeIntervalSince1970: 1_700_000_000 + Double(index) * 86400 + Double(itemNumber)
                    * 1800)
            let link = "https://news.example.org/\(index)/\(itemNumber)/\(words[itemNumber % 30])"
            if isAtom {
                body += """
                      <entry>
                        <title type="html">\(escaped(title))</title>
                        <link rel="alternate" href="\(link)"/>
                        <id>tag:news.example.org,2024:\(index)-\(itemNumber)</id>
                        <updated>\(FeedJSON.isoString(date))</updated>
                        <author><name>\(sentence(&generator, words: 2))</name></author>
                        <summary type="html">\(escaped(summary))</summary>

                    """
                if let article {
                    body += "    <content type=\"html\">\(escaped(article))</content>\n"
                }
                body += "  </entry>\n"
            } else {
                body += """
                      <item>
                        <title>\(escaped(title))</title>
                        <link>\(link)</link>
                        <guid isPermaLink="true">\(link)</guid>
                        <pubDate>\(rfc822(date))</pubDate>
                        <dc:creator>\(sentence(&generator, words: 2))</dc:creator>
                        <category>\(words[itemNumber % words.count])</category>
                        <description>\(escaped(summary))</description>

                    """
                if let article {
                    body += "    <content:encoded><![CDATA[\(article)]]></content:encoded>\n"
                }
                body += "  </item>\n"
            }
        }
        return document(index: index, isAtom: isAtom, body: body)
    }
}

/// Writes the HTML of one item.
private struct ArticleWriter {
    var generator: SeededGenerator
    let item: Int

    private static let places = ["KABUL", "KARACHI", "LAHORE", "QUETTA", "PESHAWAR", "ISLAMABAD"]
    private static let entities = ["&mdash;", "&ndash;", "&hellip;", "&nbsp;", "&amp;", "&#8217;"]

    init(generator: SeededGenerator, item: Int) {
        self.generator = generator
        self.item = item
    }

    mutating func below(_ bound: Int) -> Int { generator.below(bound) }

    /// A headline: words, a quoted phrase or an ampersand now and then.
    mutating func title() -> String {
        var title = sentence(&generator, words: 6 + below(6))
        switch below(4) {
        case 0: title += " &#8216;\(sentence(&generator, words: 2))&#8217;"
        case 1: title = "\(sentence(&generator, words: 2)) &amp; " + title
        default: break
        }
        return title
    }

    /// A whole article: paragraphs, and what publishers wrap around them.
    mutating func fullArticle(paragraphs count: Int) -> String {
        var html = article(paragraphs: count)
        switch below(8) {
        case 0:
            html +=
                "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">"
                + "<iframe title=\"\(sentence(&generator, words: 4))\" width=\"640\" height=\"360\" "
                + "src=\"https://www.youtube.com/embed/v\(item)?feature=oembed\" frameborder=\"0\" allowfullscreen></iframe>"
                + "</div></figure>\n"
        case 1:
            html +=
                "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">\(sentence(&generator, words: 14))</p>"
                + "&mdash; Reporter (@reporter) <a href=\"https://twitter.com/reporter/status/\(item)\">January 1, 2024</a></blockquote>"
                + "<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>\n"
        case 2: html = "<!--more-->\n" + html
        default: break
        }
        if below(3) == 0 { html = "<div class=\"article-body\">\n" + html + "</div>\n" }
        return html
    }

    /// `count` paragraphs, the first with a dateline, some blocks between them.
    mutating func article(paragraphs count: Int) -> String {
        var html = ""
        for number in 0..<count {
            if number > 0 {
                switch below(12) {
                case 0:
                    html +=
                        "<figure><img src=\"https://img.example.org/\(item)/\(number).jpg\" alt=\"\(sentence(&generator, words: 4))\">"
                        + "<figcaption>\(sentence(&generator, words: 8))</figcaption></figure>\n"
                case 1:
                    html += "<ul>"
                    for _ in 0..<(2 + below(3)) {
                        html += "<li>\(sentence(&generator, words: 7))</li>"
                    }
                    html += "</ul>\n"
                case 2: html += "<h2>\(sentence(&generator, words: 5))</h2>\n"
                case 3:
                    html +=
                        "<blockquote><p>&ldquo;\(sentence(&generator, words: 16))&rdquo;</p></blockquote>\n"
                default: break
                }
            }
            html += "<p>"
            if number == 0 {
                if below(5) == 0 {
                    html += "<span class=\"dropcap\">T</span>he "
                } else {
                    html += "<strong>\(Self.places[below(Self.places.count)])</strong> &mdash; "
                }
            }
            for sentenceNumber in 0..<(2 + below(3)) {
                if sentenceNumber > 0 { html += " " }
                html += sentenceWithMarkup()
            }
            html += "</p>\n"
        }
        return html
    }

    /// 10–25 words with a link, emphasis, a quotation or an entity here and there.
    private mutating func sentenceWithMarkup() -> String {
        var parts: [String] = []
        let length = 10 + below(16)
        var position = 0
        while position < length {
            switch below(14) {
            case 0:
                let topic = words[below(30)]
                parts.append(
                    "<a href=\"https://news.example.org/topics/\(topic.lowercased())?ref=feed&amp;utm=rss\">\(sentence(&generator, words: 1 + below(3)))</a>"
                )
            case 1: parts.append("<strong>\(sentence(&generator, words: 1 + below(2)))</strong>")
            case 2: parts.append("<em>\(sentence(&generator, words: 1 + below(3)))</em>")
            case 3: parts.append("&ldquo;\(sentence(&generator, words: 2 + below(4)))&rdquo;")
            case 4: parts.append(Self.entities[below(Self.entities.count)])
            case 5: parts.append("\(words[below(30)])&rsquo;s")
            default: parts.append(words[below(words.count)])
            }
            position += 1
        }
        return parts.joined(separator: " ") + (below(8) == 0 ? "<br>" : ".")
    }
}
