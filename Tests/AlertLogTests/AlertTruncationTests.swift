import AlertTestSupport
import FeedModel
import Foundation
import RuleEngine
import Testing

@testable import AlertLog

/// A record keeps what a reader of the log needs and says what it left out.
@Suite struct AlertTruncationTests {
    static let hit = RuleHit(
        rule: "haqqani", title: "Haqqani", severity: .high,
        matches: [TermMatch(term: "@khalil-haqqani", field: .title, text: "Khalil Haqqani")],
        entities: ["khalil-haqqani"], notify: ["log"], notifyEach: false)

    static func alert(title: String, hit: RuleHit = hit) -> Alert {
        let item = Item(
            id: "a", title: title, text: ItemText(title: title, summary: "Officials said."))
        return AlertBuilder.alert(
            for: hit, item: item, feed: "wire", story: "s-1", sources: 1,
            time: Date(timeIntervalSince1970: 1_795_000_000))
    }

    @Test func aTenMegabyteTitleIsCutOnACharacterAndTheRecordSaysSo() throws {
        // Flags are two scalars each: a cut by scalars would split one.
        let title = "Khalil Haqqani " + String(repeating: "🇦🇫", count: 10 * 1024 * 1024 / 8)
        let alert = Self.alert(title: title)
        let kept = try #require(alert.item.title)
        #expect(kept.count == AlertBuilder.maximumTitleLength + 1)
        #expect(kept.hasSuffix("🇦🇫…"))
        #expect(title.hasPrefix(String(kept.dropLast())))
        #expect(alert.truncated == AlertTruncation(titleCharacters: title.count))
        let line = try AlertLogFormat.makeEncoder().encode(alert)
        #expect(line.count < 16 * 1024)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"truncated\":{\"title_characters\":\(title.count)}"))
        #expect(try AlertLogFormat.makeDecoder().decode(Alert.self, from: line) == alert)
    }

    @Test func aTitleAtTheLimitAndAWholeRecordAreLeftAsTheyAre() throws {
        let title = String(repeating: "é", count: AlertBuilder.maximumTitleLength)
        let alert = Self.alert(title: title)
        #expect(alert.item.title == title)
        #expect(alert.truncated == nil)
        let text = String(decoding: try AlertLogFormat.makeEncoder().encode(alert), as: UTF8.self)
        #expect(!text.contains("truncated"))
    }

    @Test func cutEvidenceIsInTheRecord() throws {
        var hit = Self.hit
        hit.evidenceTruncated = true
        let alert = Self.alert(title: "Khalil Haqqani named", hit: hit)
        #expect(alert.truncated == AlertTruncation(evidence: true))
        let text = String(decoding: try AlertLogFormat.makeEncoder().encode(alert), as: UTF8.self)
        #expect(text.contains("\"truncated\":{\"evidence\":true}"))
    }
}
