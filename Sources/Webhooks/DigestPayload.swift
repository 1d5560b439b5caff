import AlertLog
import Configuration
import FeedModel
import Foundation

/// The body of a digest: every message a digest sink was due in one period,
/// in one request, in the sink's format.
///
/// - `json`: `{"digest": {"sink", "until", "messages", "alerts"}, "messages": [...]}`,
///   each message as `WebhookPayload` renders one alone.
/// - `slack`: a headline and one section per message (Slack takes 50 blocks:
///   past 45 messages the rest are counted, not shown).
/// - `discord`: a headline and one embed listing the messages (Discord takes
///   4,096 characters there; the rest are counted).
enum DigestPayload {
    /// Slack refuses a message with more than 50 blocks.
    static let slackMessageLimit = 45

    static func body(
        _ messages: [[Alert]], sink: SinkConfiguration, until: Date
    ) throws -> Data {
        let alerts = messages.flatMap { $0 }
        guard let highest = alerts.map(\.severity).max() else {
            throw WebhookPayloadError.emptyMessage
        }
        let headline =
            "[\(highest.rawValue.uppercased())] feedwatch digest: \(Counted.phrase(messages.count, "item")), "
            + "\(Counted.phrase(alerts.count, "alert")) until \(ISO8601DateFormatter().string(from: until))"
        switch sink.format {
        case .json:
            let object: [String: Any] = [
                "digest": [
                    "sink": sink.name, "until": ISO8601DateFormatter().string(from: until),
                    "messages": messages.count, "alerts": alerts.count,
                ],
                "messages": try messages.map { try WebhookPayload.json($0) },
            ]
            return try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        case .slack:
            var blocks: [[String: Any]] = [
                [
                    "type": "section",
                    "text": ["type": "mrkdwn", "text": WebhookPayload.slackEscaped(headline)],
                ]
            ]
            for alerts in messages.prefix(slackMessageLimit) {
                blocks.append([
                    "type": "section", "text": ["type": "mrkdwn", "text": slackLine(alerts)],
                ])
            }
            if messages.count > slackMessageLimit {
                blocks.append([
                    "type": "context",
                    "elements": [
                        [
                            "type": "mrkdwn",
                            "text":
                                "and \(messages.count - slackMessageLimit) more in the alert log",
                        ]
                    ],
                ])
            }
            return try JSONSerialization.data(
                withJSONObject: ["text": WebhookPayload.slackEscaped(headline), "blocks": blocks],
                options: [.sortedKeys])
        case .discord:
            var description = ""
            var shown = 0
            for alerts in messages {
                let line = discordLine(alerts) + "\n"
                guard description.count + line.count <= 4000 else { break }
                description += line
                shown += 1
            }
            if shown < messages.count {
                description += "and \(messages.count - shown) more in the alert log"
            }
            let embed: [String: Any] = [
                "title": "feedwatch digest", "description": description,
                "color": WebhookPayload.color(highest),
                "timestamp": ISO8601DateFormatter().string(from: until),
            ]
            return try JSONSerialization.data(
                withJSONObject: [
                    "content": String(headline.prefix(2000)), "embeds": [embed],
                    "allowed_mentions": ["parse": [String]()],
                ], options: [.sortedKeys])
        case .email:
            throw WebhookPayloadError.emailNeedsSink
        }
    }

    /// `*[HIGH]* <link|Title> · `rule-a`, `rule-b` · feed`.
    private static func slackLine(_ alerts: [Alert]) -> String {
        guard let alert = alerts.first else { return "" }
        let title = WebhookPayload.slackEscaped(alert.item.title ?? alert.item.id)
        let linked =
            WebhookPayload.clickableLink(alert).map {
                "<\(WebhookPayload.slackEscaped($0).replacingOccurrences(of: "|", with: "%7C"))|\(title)>"
            } ?? title
        let rules = alerts.map { "`\(WebhookPayload.slackEscaped($0.rule))`" }.joined(
            separator: ", ")
        return
            "*[\(alert.severity.rawValue.uppercased())]* \(linked) · \(rules) · \(WebhookPayload.slackEscaped(alert.feed))"
    }

    /// `**[HIGH]** [Title](link) · rule-a, rule-b · feed`, the title's markdown neutralized.
    private static func discordLine(_ alerts: [Alert]) -> String {
        guard let alert = alerts.first else { return "" }
        let title = discordEscaped(alert.item.title ?? alert.item.id)
        let linked = WebhookPayload.clickableLink(alert).map { "[\(title)](\($0))" } ?? title
        return
            "**[\(alert.severity.rawValue.uppercased())]** \(linked) · \(discordEscaped(WebhookPayload.ruleList(alerts))) · \(discordEscaped(alert.feed))"
    }

    /// Discord markdown's characters, escaped with a backslash.
    private static func discordEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\*_~`|[]()<>#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
