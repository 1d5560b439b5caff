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
            message["text"] as? String
                == "[HIGH] haqqani-attack: Khalil Haqqani &lt;killed&gt; &amp; more")
        let blocks = try #require(message["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["type"] as? String } == ["section", "section", "context"])
        let link = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        #expect(
            link
                == "<https://example.org/item-1?a=1&amp;b=2|Khalil Haqqani &lt;killed&gt; &amp; more>"
        )
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
        #expect((message["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
    }
}

/// Feed text is hostile until shown otherwise: no title, snippet, feed name
/// or link may act as markup, mention or link in a chat message.
@Suite struct HostileTextInChatMessagesTests {
    func alert(title: String, link: String?, snippet: String = "quiet") -> Alert {
        var alert = sampleAlert(title: title)
        alert.item.link = link
        alert.snippet = snippet
        return alert
    }

    func message(_ alert: Alert, _ format: SinkConfiguration.Format) throws -> [String: Any] {
        let data = try WebhookPayload.body(for: alert, format: format)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every string anywhere in a decoded JSON value.
    func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap { strings(in: $0) }
        case let object as [String: Any]: object.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    @Test(arguments: [
        "<!channel> evacuate", "<!here|here>", "<@U123> look", "<https://evil.example|innocent>",
        "a & b <c>",
    ])
    func slackEscapesMarkupInEveryField(title: String) throws {
        let slack = try message(
            alert(title: title, link: "https://example.org/x", snippet: title), .slack)
        for text in strings(in: slack) {
            // The one `<…>` allowed is the item's own link, built here.
            let withoutOwnLink = text.replacingOccurrences(
                of: #"^<https://example\.org/x\|"#, with: "", options: .regularExpression)
            #expect(!withoutOwnLink.contains("<!"), "\(text)")
            #expect(!withoutOwnLink.contains("<@"), "\(text)")
            #expect(!withoutOwnLink.contains("<https://evil"), "\(text)")
        }
        #expect((slack["text"] as? String)?.contains("&lt;") == true)
    }

    @Test func slackLinkAddressCannotCloseOrRelabelTheLink() throws {
        let slack = try message(
            alert(title: "t", link: "https://example.org/a|fake>label<x"), .slack)
        let blocks = try #require(slack["blocks"] as? [[String: Any]])
        let linked = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        #expect(linked == "<https://example.org/a%7Cfake&gt;label&lt;x|t>")
    }

    @Test(arguments: ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd"])
    func onlyHTTPLinksBecomeLinks(link: String) throws {
        let slack = try message(alert(title: "Title", link: link), .slack)
        let blocks = try #require(slack["blocks"] as? [[String: Any]])
        let first = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
        #expect(!first.hasPrefix("<"))
        #expect(first.hasPrefix("Title\n"))

        let discord = try message(alert(title: "Title", link: link), .discord)
        let embed = try #require((discord["embeds"] as? [[String: Any]])?.first)
        #expect(embed["url"] == nil)
        let fields = try #require(embed["fields"] as? [[String: Any]])
        #expect(fields.last?["name"] as? String == "Link")
        #expect(fields.last?["value"] as? String == link)
    }

    @Test func anEscalationsHeadlineIsEscapedLikeAnAlerts() throws {
        var escalation = alert(title: "<!channel> @everyone spreads", link: nil)
        escalation.kind = .escalation
        escalation.sources = 3
        let slack = try message(escalation, .slack)
        #expect(
            slack["text"] as? String
                == "[HIGH] haqqani-attack: escalation, 3 sources: &lt;!channel&gt; @everyone spreads"
        )
        let discord = try message(escalation, .discord)
        #expect(
            (discord["content"] as? String)?.hasSuffix("3 sources: <!channel> @everyone spreads")
                == true)
        let mentions = try #require(discord["allowed_mentions"] as? [String: Any])
        #expect(mentions["parse"] as? [String] == [])
    }

    @Test func discordParsesNoMentions() throws {
        let discord = try message(alert(title: "@everyone @here <@123>", link: nil), .discord)
        #expect((discord["content"] as? String)?.contains("@everyone") == true)
        let mentions = try #require(discord["allowed_mentions"] as? [String: Any])
        #expect(mentions["parse"] as? [String] == [])
        #expect(mentions.count == 1)
    }

    @Test func jsonCarriesTheTextAsData() throws {
        let hostile = alert(title: "<!channel> \"quoted\"\n@everyone", link: "javascript:alert(1)")
        let data = try WebhookPayload.body(for: hostile, format: .json)
        let decoded = try AlertLogFormat.makeDecoder().decode(Alert.self, from: data)
        #expect(decoded == hostile)
        #expect(!data.contains(UInt8(ascii: "\n")))
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
