import AlertLog
import Configuration
import Foundation
import RuleEngine

/// The body of a webhook request for one alert, in the sink's format: `json`
/// (the alert record, as in the log), `slack` (an incoming-webhook message:
/// `text` plus Block Kit blocks) or `discord` (`content` plus one embed).
///
/// Every text in a chat message comes from a feed, so none of it may act as
/// markup there: Slack's `&`, `<` and `>` are escaped in every field (a
/// title's `<!channel>` would ping a channel, `<https://evil|innocent>` would
/// disguise a link), Discord is told to parse no mentions (`@everyone`), and
/// only an `http` or `https` item link becomes a link; any other (`javascript:`,
/// `data:`, `file:`) is shown as text.
public enum WebhookPayload {
    public static func body(for alert: Alert, format: SinkConfiguration.Format) throws -> Data {
        switch format {
        case .json:
            return try AlertLogFormat.makeEncoder().encode(alert)
        case .slack:
            return try JSONSerialization.data(withJSONObject: slack(alert), options: [.sortedKeys])
        case .discord:
            return try JSONSerialization.data(
                withJSONObject: discord(alert), options: [.sortedKeys])
        }
    }

    /// `[HIGH] haqqani-attack: Title`; an escalation says so, with its sources.
    static func headline(_ alert: Alert) -> String {
        let escalation =
            alert.kind == .escalation ? "escalation, \(alert.sources) sources: " : ""
        return
            "[\(alert.severity.rawValue.uppercased())] \(alert.rule): \(escalation)\(alert.item.title ?? alert.item.id)"
    }

    static func matchedText(_ alert: Alert) -> String {
        var seen = Set<String>()
        return alert.matches.map(\.text).filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    /// The item's link when a chat client may make it clickable.
    static func clickableLink(_ alert: Alert) -> String? {
        guard let link = alert.item.link,
            let scheme = URLComponents(string: link)?.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else { return nil }
        return link
    }

    private static func slack(_ alert: Alert) -> [String: Any] {
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
        let context =
            "*\(alert.severity.rawValue.uppercased())* · `\(alert.rule)` · \(slackEscaped(alert.feed))"
            + " · matched: \(slackEscaped(matchedText(alert)))"
        return [
            "text": slackEscaped(headline(alert)),
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

    private static func discord(_ alert: Alert) -> [String: Any] {
        var embed: [String: Any] = [
            "title": String((alert.item.title ?? alert.item.id).prefix(256)),
            "description": String(alert.snippet.prefix(4096)),
            "color": color(alert.severity),
            "timestamp": ISO8601DateFormatter().string(from: alert.time),
        ]
        var fields: [[String: Any]] = [
            ["name": "Severity", "value": alert.severity.rawValue, "inline": true],
            ["name": "Rule", "value": alert.rule, "inline": true],
            ["name": "Feed", "value": alert.feed, "inline": true],
            ["name": "Matched", "value": String(matchedText(alert).prefix(1024)), "inline": false],
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
            "content": String(headline(alert).prefix(2000)), "embeds": [embed],
            // A feed's `@everyone`, `@here` or `<@id>` must not ping anyone.
            "allowed_mentions": ["parse": [String]()],
        ]
    }

    /// Slack treats `&`, `<` and `>` as markup.
    private static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    private static func color(_ severity: Severity) -> Int {
        switch severity {
        case .critical: 0x8B_0000
        case .high: 0xE5_3935
        case .medium: 0xFB_8C00
        case .low: 0x1E_88E5
        case .info: 0x90_A4AE
        }
    }
}
