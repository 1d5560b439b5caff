import AlertLog
import ArgumentParser
import Configuration
import Foundation
import Webhooks

/// `feedwatch sinks test NAME`: sends a test alert straight to the sink (not
/// through the outbox) and shows what the receiver answered.
struct SinksTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send a test alert to a sink and show the receiver's answer.",
        discussion: """
            The alert is marked as a test (rule feedwatch-test, id test-<UTC time>), \
            signed when the sink has a secret, and sent once, without retries. \
            Exit status: 0 when the receiver answered 2xx, 1 otherwise, \
            64 for an unknown sink, 65 when feeds.conf is wrong or the secret is unset.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The sink's name, as in [sink NAME].")
    var name: String

    @Option(help: "Seconds to wait for the answer.")
    var timeout: Double = WebhookSender.defaultTimeout

    func validate() throws {
        if !(timeout > 0) {
            throw ValidationError("--timeout must be a positive number of seconds")
        }
    }

    func run() throws {
        // This sink's section alone must read: the rest of feeds.conf is a warning at most.
        let needs = ConfigurationNeeds.sinks([name])
        let configuration = try loadConfiguration(common, needing: needs, command: "sinks test")
        let sink = try SinksCommand.sink(named: name, in: configuration, common)
        let sender = WebhookSender(userAgent: FeedwatchVersion.userAgent, timeout: timeout)
        let alert = Alert.test(sink: sink.name, time: Date())
        let attempt: WebhookAttempt
        do {
            guard
                let payload = try WebhookComposer(sinks: [sink]).payload(
                    for: [alert], toSink: sink.name)
            else { throw ExitStatus.badInput }
            attempt = try sender.send(payload: payload, alertID: alert.id, to: sink)
        } catch let error as WebhookError {
            printError(error.description)
            throw ExitStatus.badInput
        }
        let method = sink.isMail ? "mail via" : "POST"
        print("sink \(sink.name): \(method) \(RedactedURL.text(sink.url))")
        print(
            "  alert \(alert.id), format \(sink.format.rawValue), "
                + (sink.secret == nil ? "unsigned" : "signed"))
        let milliseconds = Int((attempt.duration * 1000).rounded())
        if let status = attempt.status {
            print("  answer: \(sink.isMail ? "SMTP" : "HTTP") \(status) in \(milliseconds) ms")
            if !attempt.answer.isEmpty { print("  body: \(attempt.answerText)") }
        } else {
            print("  no answer after \(milliseconds) ms")
        }
        switch attempt.outcome {
        case .delivered:
            print("  ok: the receiver accepted it")
        case .retry(let error, _), .rejected(let error):
            printError(error.description)
            throw ExitStatus.failures
        }
    }
}
