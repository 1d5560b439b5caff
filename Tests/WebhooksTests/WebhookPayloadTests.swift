import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import Testing

@testable import Webhooks

@Suite struct WebhookPayloadTests {
    func object(_ format: SinkConfiguration.Format) throws -> [String: Any] {
        let alert = sampleAlert(title: "Khalil Haqqani <killed> & more")
        let data = try WebhookPayload.body(for: alert, format: format)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func jsonIsTheAlertRecord() throws {
        let alert = sampleAlert()
        let data = try WebhookPayload.body(for: alert, format: .json)
        #expect(try AlertLogFormat.makeDecoder().decode(Alert.self, from: data) == alert)
    }

    @Test func slackHasTextAndBlocksWithEscapedMarkup() throws {
        let message = try object(.slack)
        #expect(
            message["text"] as? String == "[HIGH] haqqani-attack: Khalil Haqqani <killed> & more")
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["section", "section", "context"])
        let link = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        #expect(
            link == "<https://example.org/item-1?a=1&b=2|Khalil Haqqani &lt;killed&gt; &amp; more>")
        let context = try #require(
            (blocks[2]["elements"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(context.contains("*HIGH*") && context.contains("matched: Khalil Haqqani"))
    }

    @Test func anEscalationSaysSoWithItsSources() throws {
        var alert = sampleAlert(severity: .critical)
        alert.kind = .escalation
        alert.sources = 3
        #expect(
            WebhookPayload.headline(alert)
                == "[CRITICAL] haqqani-attack: escalation, 3 sources: Khalil Haqqani killed in Kabul blast"
        )
        let data = try WebhookPayload.body(for: alert, format: .json)
        let record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(record["kind"] as? String == "escalation")
    }

    @Test func discordHasContentAndOneEmbed() throws {
        let message = try object(.discord)
        #expect((message["content"] as? String)?.hasPrefix("[HIGH] haqqani-attack:") == true)
        let embed = try #require((message["embeds"] as? [[String: Any]])?.first)
        #expect(embed["url"] as? String == "https://example.org/item-1?a=1&b=2")
        #expect(embed["color"] as? Int == 0xE5_3935)
        let fields = try #require(embed["fields"] as? [[String: Any]])
        #expect(
            fields.compactMap { $0["name"] as? String } == ["Severity", "Rule", "Feed", "Matched"])
        #expect(fields.last?["value"] as? String == "Khalil Haqqani")
    }
}

@Suite struct WebhookSignatureTests {
    let body = Data(#"{"id":"abc"}"#.utf8)
    let time = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func headerIsTimestampAndHexHMAC() throws {
        let header = WebhookSignature.header(body: body, secret: "s3cret", time: time)
        // Computed independently: printf '1795000000.{"id":"abc"}' | openssl dgst -sha256 -hmac s3cret
        #expect(
            header
                == "t=1795000000,v1=\(try opensslHMAC("1795000000.{\"id\":\"abc\"}", key: "s3cret"))"
        )
    }

    @Test func verifiesOnlyTheRightSecretBodyAndTime() {
        let header = WebhookSignature.header(body: body, secret: "s3cret", time: time)
        #expect(WebhookSignature.verify(header: header, body: body, secret: "s3cret", now: time))
        #expect(!WebhookSignature.verify(header: header, body: body, secret: "other", now: time))
        #expect(
            !WebhookSignature.verify(
                header: header, body: Data("{}".utf8), secret: "s3cret", now: time))
        #expect(
            !WebhookSignature.verify(
                header: header, body: body, secret: "s3cret", now: time.addingTimeInterval(301)))
        #expect(
            !WebhookSignature.verify(header: "garbage", body: body, secret: "s3cret", now: time))
    }

    private func opensslHMAC(_ message: String, key: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["dgst", "-sha256", "-hmac", key, "-r"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(message.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let text = String(
            decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return String(text.prefix(64))
    }
}
