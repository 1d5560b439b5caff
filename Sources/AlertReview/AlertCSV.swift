import AlertLog
import Foundation
import Store

/// Alerts as CSV (RFC 4180) for spreadsheets: one row per alert.
public enum AlertCSV {
    /// The columns; those after `sources` were added later, at the end, so
    /// that a sheet reading columns by position keeps working.
    public static let header =
        "id,time,severity,rule,feed,title,link,entities,matched,story,sources,kind,published,acked_at,acked_by,ack_note"

    /// Times RFC 3339 UTC; an absent value is an empty field.
    public static func row(_ alert: Alert, ack: AlertAcknowledgement? = nil) -> String {
        let rfc3339 = ISO8601DateFormatter()
        return [
            alert.id, rfc3339.string(from: alert.time), alert.severity.rawValue, alert.rule,
            alert.feed, alert.item.title ?? "", alert.item.link ?? "",
            alert.entities.joined(separator: " "),
            alert.matches.map(\.text).joined(separator: "; "), alert.story, String(alert.sources),
            alert.kind.rawValue, alert.item.published.map(rfc3339.string) ?? "",
            ack.map { rfc3339.string(from: $0.time) } ?? "", ack?.by ?? "", ack?.note ?? "",
        ].map(quoted).joined(separator: ",")
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
