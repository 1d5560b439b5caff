import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Webhooks

/// Email sinks against a real SMTP server: one mail per message, with the
/// headers a mail client needs and a plain-text and an HTML part.
@Suite struct EmailSinkTests {
    let start = WebhookTestBench.start

    private func emailSink(_ url: URL, digest: TimeInterval? = nil) -> SinkConfiguration {
        SinkConfiguration(
            name: "desk", url: url, format: .email,
            mail: MailSettings(
                from: "feedwatch@example.org", to: ["analyst@example.org", "desk@example.org"]),
            digest: digest)
    }

    @Test func twoRulesOnOneItemArriveAsOneMailWithBothPartsAndProperHeaders() throws {
        let bench = try WebhookTestBench()
        let smtp = try LocalSMTPServer(in: bench.folder.url)
        defer { smtp.stop() }
        let sink = emailSink(smtp.url)
        let title = "Ḥaqqānī <b>killed</b> & “claimed” in Kabul"
        let attack = sampleAlert(rule: "haqqani-attack", severity: .high, title: title)
        let claim = sampleAlert(rule: "iskp-claim", severity: .critical, title: title)
        let recorder = AlertRecorder(
            log: try AlertLogWriter(path: bench.folder.path("alerts.jsonl")), store: bench.store,
            composer: WebhookComposer(sinks: [sink]))
        try recorder.record(
            [attack, claim].map { AlertRecorder.Notified(alert: $0, sinks: ["log", "desk"]) },
            with: PassCommit(), now: start)

        let summary = bench.dispatcher([sink]).deliverDue(now: start)

        #expect(summary.sent == 1 && summary.pending == 0, "\(summary.problems)")
        let mails = try smtp.messages()
        try #require(mails.count == 1)
        let mail = ReceivedMail(text: mails[0])
        #expect(mail.header("X-MailFrom") == "feedwatch@example.org")
        #expect(mail.header("X-RcptTo") == "analyst@example.org, desk@example.org")
        #expect(mail.header("From") == "feedwatch@example.org")
        #expect(mail.header("To") == "analyst@example.org, desk@example.org")
        let key = AlertMessage.key(alertIDs: [attack.id, claim.id])
        #expect(mail.header("Message-ID") == "<\(key)@feedwatch>")
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        let date = try #require(mail.header("Date"))
        #expect(date == "Wed, 18 Nov 2026 11:06:40 +0000")
        // The subject is not ASCII: encoded-words that decode to the headline.
        let subject = try #require(mail.header("Subject"))
        #expect(subject.hasPrefix("=?UTF-8?B?"))
        #expect(
            ReceivedMail.decodedHeader(subject)
                == "[CRITICAL] iskp-claim, haqqani-attack: \(title)")

        let plain = try #require(mail.part("text/plain"))
        #expect(plain.contains("Rules: iskp-claim (critical), haqqani-attack (high)"))
        #expect(plain.contains(title))
        let html = try #require(mail.part("text/html"))
        #expect(html.contains("Ḥaqqānī &lt;b&gt;killed&lt;/b&gt; &amp; “claimed”"))
        #expect(!html.contains("<b>killed"))
        #expect(html.contains("<a href=\"https://example.org/item-1?a=1&amp;b=2\">"))
    }

    @Test func aServerThatIsDownIsRetriedUnderTheSameMessageID() throws {
        let bench = try WebhookTestBench()
        let down = try closedPortURL()
        let port = try #require(down.port)
        let sink = emailSink(try #require(URL(string: "smtp://127.0.0.1:\(port)")))
        try bench.store.enqueueDelivery(
            NewDelivery(
                alertID: "alert-1", sink: "desk",
                payload: try #require(
                    try WebhookComposer(sinks: [sink]).payload(for: [sampleAlert()], toSink: "desk")
                ),
                firstAttempt: start, expiresAt: start.addingTimeInterval(86_400)))

        let first = bench.dispatcher([sink]).deliverDue(now: start)

        #expect(first.failed == 1 && first.pending == 1)
        let pending = try #require(try bench.store.deliveries(alertID: "alert-1").first)
        #expect(pending.status == .pending && pending.lastError?.contains("sink 'desk'") == true)
    }
}
