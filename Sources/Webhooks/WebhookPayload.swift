import AlertLog
import Configuration
import FeedModel
import Foundation
import RuleEngine

/// The body of a webhook request for one message (the alerts of the rules
/// that fired on one item, the highest severity first), in the sink's
/// format: `json` (the first alert's record, as in the log, plus `rules`
/// naming every rule and `message_id`), `slack` (an incoming-webhook
/// message: `text` plus Block Kit blocks) or `discord` (`content` plus one
/// embed). Email is `EmailMessage`'s.
///
/// Every text in a chat message comes from a feed, so none of it may act as
/// markup there: Slack's `&`, `<` and `>` are escaped in every field (a
/// title's `<!channel>` would ping a channel, `<https://evil|innocent>` would
/// disguise a link), Discord is told to parse no mentions (`@everyone`), and
/// only an `http` or `https` item link becomes a link; any other (`javascript:`,
/// `data:`, `file:`) is shown as text.
public enum WebhookPayload {
    /// The body of a message naming one alert.
    public static func body(for alert: Alert, format: SinkConfiguration.Format) throws -> Data {
        try body(for: [alert], format: format)
    }

    /// The body of a message naming `alerts`, the highest severity first.
    public static func body(for alerts: [Alert], format: SinkConfiguration.Format) throws -> Data {
        guard let primary = alerts.first else { throw WebhookPayloadError.emptyMessage }
        switch format {
        case .json:
            return try JSONSerialization.data(
                withJSONObject: try json(alerts), options: [.sortedKeys, .withoutEscapingSlashes])
        case .slack:
            return try JSONSerialization.data(
                withJSONObject: slack(alerts, primary: primary), options: [.sortedKeys])
        case .discord:
            return try JSONSerialization.data(
                withJSONObject: discord(alerts, primary: primary), options: [.sortedKeys])
        case .email:
            throw WebhookPayloadError.emailNeedsSink
        }
    }

    /// The first alert's record with `message_id` (the `Idempotency-Key`) and
    /// `rules`: one entry per alert of the message.
    static func json(_ alerts: [Alert]) throws -> [String: Any] {
        let encoder = AlertLogFormat.makeEncoder()
        var records: [[String: Any]] = []
        for alert in alerts {
            let data = try encoder.encode(alert)
            guard let record = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw WebhookPayloadError.emptyMessage
            }
            records.append(record)
        }
        var message = records[0]  // safe: `body` refuses an empty message
        message["message_id"] = AlertMessage.key(alertIDs: alerts.map(\.id))
        message["rules"] = records.map { record in
            var rule: [String: Any] = ["alert_id": record["id"] ?? ""]
            for key in ["rule", "severity", "kind", "matches", "entities", "snippet"] {
                rule[key] = record[key]
            }
            return rule
        }
        return message
    }

    /// `[HIGH] haqqani-attack, iskp-claim: Title`; an escalation says so, with its sources.
    static func headline(_ alerts: [Alert]) -> String {
        guard let alert = alerts.first else { return "" }
        let escalation =
            alert.kind == .escalation
            ? "escalation, \(Counted.phrase(alert.sources, "source")): " : ""
        return
            "[\(alert.severity.rawValue.uppercased())] \(ruleList(alerts)): \(escalation)\(alert.item.title ?? alert.item.id)"
    }

    static func headline(_ alert: Alert) -> String { headline([alert]) }

    /// `haqqani-attack, iskp-claim`.
    static func ruleList(_ alerts: [Alert]) -> String {
        alerts.map(\.rule).joined(separator: ", ")
    }

    /// `haqqani-attack (high), iskp-claim (medium)`.
    static func rulesWithSeverity(_ alerts: [Alert]) -> String {
        alerts.map { "\($0.rule) (\($0.severity.rawValue))" }.joined(separator: ", ")
    }

    static func matchedText(_ alerts: [Alert]) -> String {
        var seen = Set<String>()
        return alerts.flatMap(\.matches).map(\.text).filter { seen.insert($0).inserted }.joined(
            separator: ", ")
    }

    static func matchedText(_ alert: Alert) -> String { matchedText([alert]) }

    /// The item's link when a chat client may make it clickable.
    static func clickableLink(_ alert: Alert) -> String? {
        guard let link = alert.item.link,
            let scheme = URLComponents(string: link)?.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else { return nil }
        return link
    }

    private static func slack(_ alerts: [Alert], primary alert: Alert) -> [String: Any] {
        let title = slackEscaped(alert.item.title ?? alert.item.id)
        let linked: String
        if let link = clickableLink(alert) {
            // `|` ends a Slack link's address, so the address may not contain one.
            let address = slackEscaped(link).replacingOccurrences(of: "|", with: "%7C")
            linked = "<\(address)|\(title)>"
        } else if let link = alert.item.link {
            linked = "\(title)\n\(slackEscaped(link))"
        } else {
            linked = title
        }
        let rules = alerts.map { "`\(slackEscaped($0.rule))`" }.joined(separator: ", ")
        let context =
            "*\(alert.severity.rawValue.uppercased())* · \(rules) · \(slackEscaped(alert.feed))"
            + " · matched: \(slackEscaped(matchedText(alerts)))"
        return [
            "text": slackEscaped(headline(alerts)),
            "blocks": [
                ["type": "section", "text": ["type": "mrkdwn", "text": linked]],
                [
                    "type": "section",
                    "text": ["type": "mrkdwn", "text": slackEscaped(alert.snippet)],
                ],
                ["type": "context", "elements": [["type": "mrkdwn", "text": context]]],
            ],
        ]
    }

    private static func discord(_ alerts: [Alert], primary alert: Alert) -> [String: Any] {
        var embed: [String: Any] = [
            "title": String((alert.item.title ?? alert.item.id).prefix(256)),
            "description": String(alert.snippet.prefix(4096)),
            "color": color(alert.severity),
            "timestamp": ISO8601DateFormatter().string(from: alert.time),
        ]
        var fields: [[String: Any]] = [
            ["name": "Severity", "value": alert.severity.rawValue, "inline": true],
            [
                "name": alerts.count > 1 ? "Rules" : "Rule",
                "value": String(rulesWithSeverity(alerts).prefix(1024)), "inline": true,
            ],
            ["name": "Feed", "value": alert.feed, "inline": true],
            [
                "name": "Matched", "value": String(matchedText(alerts).prefix(1024)),
                "inline": false,
            ],
        ]
        if let link = clickableLink(alert) {
            embed["url"] = link
        } else if let link = alert.item.link {
            // Discord makes only http and https addresses into links.
            fields.append(["name": "Link", "value": String(link.prefix(1024)), "inline": false])
        }
        embed["fields"] = fields
        // Discord rejects a message whose content passes 2,000 characters.
        return [
            "content": String(headline(alerts).prefix(2000)), "embeds": [embed],
            // A feed's `@everyone`, `@here` or `<@id>` must not ping anyone.
            "allowed_mentions": ["parse": [String]()],
        ]
    }

    /// Slack treats `&`, `<` and `>` as markup.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func color(_ severity: Severity) -> Int {
        switch severity {
        case .critical: 0x8B_0000
        case .high: 0xE5_3935
        case .medium: 0xFB_8C00
        case .low: 0x1E_88E5
        case .info: 0x90_A4AE
        }
    }
}

/// A message that cannot be rendered: a bug upstream, never feed input.
public enum WebhookPayloadError: Error, CustomStringConvertible {
    /// A message names no alert.
    case emptyMessage
    /// An email needs its sink's addresses: `WebhookComposer` renders it.
    case emailNeedsSink

    public var description: String {
        switch self {
        case .emptyMessage: "alerting: a message names no alert"
        case .emailNeedsSink: "alerting: an email is rendered with its sink's from and to"
        }
    }
}
