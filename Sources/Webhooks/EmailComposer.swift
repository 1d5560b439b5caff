import AlertLog
import Configuration
import Foundation

/// The emails of an email sink: one per message, or one per digest, each
/// with a plain-text and an HTML rendering of the same lines.
///
/// Every text in the HTML part comes from a feed and is escaped; only an
/// `http` or `https` item link becomes a link.
enum EmailComposer {
    /// The email of one message (the rules that fired on one item).
    static func message(
        _ alerts: [Alert], sink: SinkConfiguration, mail: MailSettings, date: Date
    ) throws -> EmailMessage {
        guard !alerts.isEmpty else { throw WebhookPayloadError.emptyMessage }
        return EmailMessage(
            from: mail.from, to: mail.to,
            subject: WebhookPayload.headline(alerts),
            key: AlertMessage.key(alertIDs: alerts.map(\.id)),
            date: date,
            plainText: plain([alerts]) + footer(sink: sink),
            html: "<html><body>\n\(html([alerts]))\(htmlFooter(sink: sink))</body></html>\n")
    }

    /// The email of a digest: every message of the period, the order they came in.
    static func digest(
        _ messages: [[Alert]], key: String, until: Date, sink: SinkConfiguration,
        mail: MailSettings, date: Date
    ) throws -> EmailMessage {
        let alerts = messages.flatMap { $0 }
        guard let highest = alerts.map(\.severity).max() else {
            throw WebhookPayloadError.emptyMessage
        }
        let subject =
            "[\(highest.rawValue.uppercased())] feedwatch digest: \(messages.count) "
            + (messages.count == 1 ? "item" : "items") + ", \(alerts.count) "
            + (alerts.count == 1 ? "alert" : "alerts")
        let period = "Until \(timestamp(until)), sink \(sink.name).\n\n"
        return EmailMessage(
            from: mail.from, to: mail.to, subject: subject, key: key, date: date,
            plainText: period + plain(messages) + footer(sink: sink),
            html: "<html><body>\n<p>\(escaped(period.trimmingCharacters(in: .newlines)))</p>\n"
                + "\(html(messages))\(htmlFooter(sink: sink))</body></html>\n")
    }

    // MARK: - Plain text

    private static func plain(_ messages: [[Alert]]) -> String {
        messages.map { alerts in
            guard let alert = alerts.first else { return "" }
            var lines = [WebhookPayload.headline(alerts)]
            lines.append("Rules: \(WebhookPayload.rulesWithSeverity(alerts))")
            lines.append("Feed: \(alert.feed)")
            if let published = alert.item.published {
                lines.append("Published: \(timestamp(published))")
            }
            if let link = alert.item.link { lines.append("Link: \(link)") }
            lines.append("Matched: \(WebhookPayload.matchedText(alerts))")
            if !alert.snippet.isEmpty { lines += ["", alert.snippet] }
            return lines.joined(separator: "\n") + "\n\n"
        }.joined()
    }

    private static func footer(sink: SinkConfiguration) -> String {
        "-- \nSent by feedwatch to sink \(sink.name).\n"
    }

    // MARK: - HTML

    private static func html(_ messages: [[Alert]]) -> String {
        messages.map { alerts in
            guard let alert = alerts.first else { return "" }
            let title = escaped(alert.item.title ?? alert.item.id)
            let linked =
                WebhookPayload.clickableLink(alert).map {
                    "<a href=\"\(escaped($0))\">\(title)</a>"
                }
                ?? title
            var rows = [
                row("Severity", escaped(alert.severity.rawValue)),
                row("Rules", escaped(WebhookPayload.rulesWithSeverity(alerts))),
                row("Feed", escaped(alert.feed)),
            ]
            if let published = alert.item.published {
                rows.append(row("Published", escaped(timestamp(published))))
            }
            if let link = alert.item.link, WebhookPayload.clickableLink(alert) == nil {
                rows.append(row("Link", escaped(link)))
            }
            rows.append(row("Matched", escaped(WebhookPayload.matchedText(alerts))))
            return "<h3>\(linked)</h3>\n<table>\n\(rows.joined())</table>\n"
                + (alert.snippet.isEmpty ? "" : "<p>\(escaped(alert.snippet))</p>\n")
        }.joined(separator: "<hr>\n")
    }

    private static func row(_ name: String, _ value: String) -> String {
        "<tr><th align=\"left\">\(name)</th><td>\(value)</td></tr>\n"
    }

    private static func htmlFooter(sink: SinkConfiguration) -> String {
        "<p><small>Sent by feedwatch to sink \(escaped(sink.name)).</small></p>\n"
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: feed text never becomes markup.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
