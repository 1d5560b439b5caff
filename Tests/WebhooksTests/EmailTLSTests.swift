import AlertLog
import AlertTestSupport
import Configuration
import Foundation
import SQLiteStore
import Store
import Testing

@testable import Webhooks

/// Email sinks over TLS, against a real aiosmtpd server with a certificate
/// made for the test: `smtps://` and STARTTLS, each with a login; the sink
/// trusts the certificate through `ca-file`, and without it the connection
/// fails saying which sink and server. The password reaches the server and
/// nothing else.
@Suite struct EmailTLSTests {
    let start = WebhookTestBench.start
    static let password = "s3cret-Pa55-\(UInt32.random(in: 0...UInt32.max))"
    let login = LocalSMTPServer.Login(user: "desk-login", password: EmailTLSTests.password)

    enum Mode: String, CaseIterable, Sendable {
        case implicitTLS = "smtps://"
        case startTLS = "STARTTLS"
    }

    private func server(_ mode: Mode, in bench: WebhookTestBench, login: LocalSMTPServer.Login)
        throws -> (LocalSMTPServer, SelfSignedCertificate)
    {
        let certificate = try SelfSignedCertificate(in: bench.folder.url)
        let security: LocalSMTPServer.Security =
            mode == .implicitTLS ? .implicitTLS(certificate) : .startTLS(certificate)
        return (
            try LocalSMTPServer(in: bench.folder.url, security: security, login: login),
            certificate
        )
    }

    private func sink(_ url: URL, caFile: String?) -> SinkConfiguration {
        SinkConfiguration(
            name: "desk", url: url, format: .email,
            mail: MailSettings(
                from: "feedwatch@example.org", to: ["analyst@example.org"], user: "desk-login",
                password: "env:DESK_SMTP_PASSWORD"),
            caFile: caFile)
    }

    /// Queues one alert for `sink` and runs the dispatcher once.
    private func deliver(
        to sink: SinkConfiguration, in bench: WebhookTestBench, password: String
    ) throws -> (DeliverySummary, OutboxDelivery?) {
        let alert = sampleAlert()
        try bench.store.enqueueDelivery(
            NewDelivery(
                alertID: alert.id, sink: sink.name,
                payload: try #require(
                    try WebhookComposer(sinks: [sink]).payload(for: [alert], toSink: sink.name)),
                firstAttempt: start, expiresAt: start.addingTimeInterval(86_400)))
        let summary = bench.dispatcher([sink], environment: ["DESK_SMTP_PASSWORD": password])
            .deliverDue(now: start)
        return (summary, try bench.delivery(alert.id))
    }

    @Test(arguments: Mode.allCases)
    func aTrustedCertificateAndTheLoginDeliverTheMail(_ mode: Mode) throws {
        let bench = try WebhookTestBench()
        let (smtp, certificate) = try server(mode, in: bench, login: login)
        defer { smtp.stop() }

        let (summary, delivery) = try deliver(
            to: sink(smtp.url, caFile: certificate.certificatePath), in: bench,
            password: Self.password)

        #expect(summary.sent == 1 && summary.pending == 0, "\(summary.problems)")
        #expect(delivery?.status == .delivered)
        let mails = try smtp.messages()
        #expect(mails.count == 1)
        #expect(
            mails.first.map { ReceivedMail(text: $0).header("X-RcptTo") } == "analyst@example.org")
        // The server checked the password it was given against the right one, over TLS.
        #expect(try smtp.logins() == ["desk-login accepted tls=yes"])
        #expect(!summary.problems.joined().contains(Self.password))
        // Nor is it anywhere in the state the sends left behind.
        for suffix in ["", "-wal"] {
            let bytes =
                (try? Data(contentsOf: URL(fileURLWithPath: bench.statePath + suffix))) ?? Data()
            #expect(bytes.range(of: Data(Self.password.utf8)) == nil)
        }
    }

    @Test(arguments: Mode.allCases)
    func withoutTheCertificateTheConnectionFailsNamingTheSinkAndServer(_ mode: Mode) throws {
        let bench = try WebhookTestBench()
        let (smtp, _) = try server(mode, in: bench, login: login)
        defer { smtp.stop() }

        let (summary, delivery) = try deliver(
            to: sink(smtp.url, caFile: nil), in: bench, password: Self.password)

        #expect(summary.sent == 0 && summary.pending == 1)
        let error = try #require(delivery?.lastError)
        #expect(error.contains("sink 'desk'"))
        #expect(error.contains("127.0.0.1:\(smtp.port)"))
        #expect(error.contains("certificate"))
        #expect(error.contains("ca-file"))
        #expect(!error.contains(Self.password))
        #expect(try smtp.messages().isEmpty)
        #expect(try smtp.logins().isEmpty, "no login offered to a server not trusted")
    }

    @Test(arguments: Mode.allCases)
    func aWrongPasswordIsRefusedForGoodAndNeverShown(_ mode: Mode) throws {
        let bench = try WebhookTestBench()
        let (smtp, certificate) = try server(mode, in: bench, login: login)
        defer { smtp.stop() }
        let wrong = "wrong-\(Self.password)"

        let (summary, delivery) = try deliver(
            to: sink(smtp.url, caFile: certificate.certificatePath), in: bench, password: wrong)

        #expect(summary.sent == 0)
        #expect(delivery?.status == .dead)
        let error = try #require(delivery?.lastError)
        #expect(error.contains("sink 'desk'") && error.contains("535"), "\(error)")
        for text in [error] + summary.problems {
            #expect(!text.contains(wrong) && !text.contains(Self.password))
        }
        #expect(try smtp.logins() == ["desk-login refused tls=yes"])
        #expect(try smtp.messages().isEmpty)
    }
}
