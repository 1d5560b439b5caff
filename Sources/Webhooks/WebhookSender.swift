import Configuration
import Foundation
import HTTPTransport

/// Sends one rendered message to one sink with the headers docs/architecture.md promises
/// (`Content-Type`, `User-Agent`, `Idempotency-Key`, and the signature when
/// the sink has a secret), or as a mail to an email sink's server, and says
/// what came of it. The outbox dispatcher, `feedwatch sinks test` and
/// `alerts redeliver` all send through it.
public struct WebhookSender: Sendable {
    /// The longest one request may take by default: a slow receiver costs a
    /// pass at most this long before its sink waits for the next one.
    public static let defaultTimeout: TimeInterval = 10

    public var client: HTTPClient
    /// `feedwatch/VERSION`.
    public var userAgent: String
    /// Connection to last byte, per request.
    public var timeout: TimeInterval
    /// Where `env:` secrets are read from.
    public var environment: [String: String]
    /// The wall clock the signature's timestamp comes from: receivers compare
    /// it with theirs, so it is the time of sending, never a scheduling `now`.
    public var clock: @Sendable () -> Date

    public init(
        client: HTTPClient = HTTPClient(options: WebhookSender.clientOptions),
        userAgent: String, timeout: TimeInterval = WebhookSender.defaultTimeout,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.userAgent = userAgent
        self.timeout = timeout
        self.environment = environment
        self.clock = clock
    }

    /// Client options for webhooks: a receiver's answer is small, and a
    /// connection that takes longer than a few seconds is as good as refused.
    public static var clientOptions: TransferOptions {
        TransferOptions(connectTimeout: 5, maxSize: 1024 * 1024)
    }

    /// The secret to sign `sink`'s requests with (an email sink's password),
    /// or nil when it has none.
    public func secret(for sink: SinkConfiguration) throws(WebhookError) -> String? {
        do {
            if sink.isMail { return try sink.resolvedPassword(environment: environment) }
            return try sink.resolvedSecret(environment: environment)
        } catch {
            throw .secretUnavailable(sink: sink.name, message: error.description)
        }
    }

    /// The request for `payload`, signed over its exact bytes at `time`.
    public func request(
        payload: Data, alertID: String, sink: SinkConfiguration, secret: String?, time: Date
    ) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"),
            ("User-Agent", userAgent),
            ("Idempotency-Key", alertID),
        ]
        if let secret {
            headers.append(
                (
                    WebhookSignature.headerName,
                    WebhookSignature.header(body: payload, secret: secret, time: time)
                ))
        }
        return HTTPRequest(
            method: "POST", url: sink.url, headers: headers, body: payload, timeout: timeout,
            followRedirects: false, caFile: sink.caFile)
    }

    /// POSTs `payload` to `sink` and classifies the answer. Signs with
    /// `secret` (from `secret(for:)`) when given.
    public func send(payload: Data, alertID: String, to sink: SinkConfiguration, secret: String?)
        -> WebhookAttempt
    {
        if sink.isMail { return sendMail(payload, to: sink, password: secret) }
        let started = clock()
        let request = request(
            payload: payload, alertID: alertID, sink: sink, secret: secret, time: started)
        let clockStart = ContinuousClock.now
        do {
            let response = try client.send(request)
            return WebhookAttempt(
                sink: sink.name, url: sink.url, response: response,
                duration: seconds(since: clockStart), now: clock())
        } catch {
            return WebhookAttempt(
                sink: sink.name, url: sink.url, failure: error, duration: seconds(since: clockStart)
            )
        }
    }

    /// Looks up the secret, then sends: what `sinks test` and one-off sends use.
    public func send(payload: Data, alertID: String, to sink: SinkConfiguration)
        throws(WebhookError) -> WebhookAttempt
    {
        send(payload: payload, alertID: alertID, to: sink, secret: try secret(for: sink))
    }

    /// Sends an email sink's message (a whole mail, headers and all) through its server.
    private func sendMail(_ message: Data, to sink: SinkConfiguration, password: String?)
        -> WebhookAttempt
    {
        let address = RedactedURL.text(sink.url)
        let clockStart = ContinuousClock.now
        guard let mail = sink.mail else {
            return WebhookAttempt(
                sink: sink.name, url: sink.url, status: nil, duration: 0, answer: Data(),
                outcome: .rejected(
                    .mailRefused(sink: sink.name, url: address, message: "no from and to")))
        }
        let envelope = MailSender.Envelope(
            from: mail.from, to: mail.to, user: mail.user, password: password)
        do {
            let reply = try MailSender(timeout: timeout, caFile: sink.caFile).send(
                message, to: sink.url, envelope: envelope)
            return WebhookAttempt(
                sink: sink.name, url: sink.url, status: reply,
                duration: seconds(since: clockStart), answer: Data(), outcome: .delivered)
        } catch {
            var message = error.description
            if error.isUntrustedCertificate {
                message +=
                    sink.caFile.map { "; the certificate is not signed by one in ca-file \($0)" }
                    ?? "; if a private CA signed it, name its PEM file in the sink's ca-file"
            }
            let outcome: WebhookAttempt.Outcome =
                error.isPermanent
                ? .rejected(.mailRefused(sink: sink.name, url: address, message: message))
                : .retry(
                    .unreachable(sink: sink.name, url: address, message: message),
                    retryAfter: nil)
            return WebhookAttempt(
                sink: sink.name, url: sink.url, status: error.replyCode,
                duration: seconds(since: clockStart), answer: Data(), outcome: outcome)
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> TimeInterval {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
