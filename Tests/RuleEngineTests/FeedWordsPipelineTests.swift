import FeedModel
import FeedParser
import Foundation
import Testing

@testable import RuleEngine

/// From the bytes of a feed to the rules that fire: invisible characters
/// (written as character references, as feeds do), apostrophes and text in
/// Chinese, Japanese and Russian reach the matcher as a reader reads them.
@Suite struct FeedWordsPipelineTests {
    static let feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Wire</title><link>https://example.org/</link>
        <item><guid>soft-hyphen</guid><title>Talks in Doha</title>
          <description>&lt;p&gt;Pri&amp;shy;go&amp;shy;zhin&amp;#8217;s men crossed the border.&lt;/p&gt;</description></item>
        <item><guid>zero-width-space</guid><title>Rapid&#8203;Support&#8203;Forces advance</title></item>
        <item><guid>joiners</guid><title>Hay&#8217;at Tahrir al&#8209;Sham</title>
          <description>Ahmed al-Shara&#x2BC;a&#x200D; met envoys.</description></item>
        <item><guid>chinese</guid><title>外交新闻</title>
          <description><![CDATA[<p>王毅会见阿富汗代理外长穆塔基。</p>]]></description></item>
        <item><guid>japanese</guid><title>ﾌﾟｰﾁﾝ大統領が会見</title></item>
        <item><guid>russian</guid><title>Дело Пригожина</title></item>
        <item><guid>nothing</guid><title>Prigozhinsky Prospekt reopens</title></item>
        </channel></rss>
        """

    static let rules = """
        entity "Yevgeny Prigozhin"
          alias "Prigozhin", "Пригожин*"
        entity "Rapid Support Forces"
          id rsf
        entity "Hay'at Tahrir al-Sham"
          id hts
        entity "Ahmed al-Sharaa"
        entity "王毅"
          id wang-yi
        entity "プーチン"
          id putin
        rule "Prigozhin crosses"
          id prigozhin-border
          match @yevgeny-prigozhin NEAR/1 men
        rule "Prigozhin"
          match @yevgeny-prigozhin
        rule "RSF"
          match @rsf
        rule "HTS and Sharaa"
          id hts-sharaa
          match @hts AND @ahmed-al-sharaa
        rule "Wang Yi"
          match @wang-yi NEAR/10 "阿富汗"
        rule "Putin"
          match @putin
        """

    @Test func aParsedFeedFiresTheRulesAReaderExpects() throws {
        let feed = try FeedParser.parse(Data(Self.feed.utf8))
        let ruleSet = try RuleSet.from(Self.rules)
        var fired: [String: [String]] = [:]
        for item in feed.items {
            fired[item.id] = ruleSet.evaluate(item, feed: FeedContext(name: "wire")).map(\.rule)
        }
        #expect(
            fired == [
                "soft-hyphen": ["prigozhin-border", "prigozhin"],
                "zero-width-space": ["rsf"],
                "joiners": ["hts-sharaa"],
                "chinese": ["wang-yi"],
                "japanese": ["putin"],
                "russian": ["prigozhin"],
                "nothing": [],
            ])
    }
}
