import AlertLog
import Foundation

/// Alerts as CSV (RFC 4180) for spreadsheets: one row per alert.
public enum AlertCSV {
    public static let header =
        "id,time,severity,rule,feed,title,link,entities,matched,story,sources"

    public static func row(_ alert: Alert) -> String {
        let time = ISO8601DateFormatter().string(from: alert.time)
        return [
            alert.id, time, alert.severity.rawValue, alert.rule, alert.feed, alert.item.title ?? "",
            alert.item.link ?? "", alert.entities.joined(separator: " "),
            alert.matches.map(\.text).joined(separator: "; "), alert.story, String(alert.sources),
        ].map(quoted).joined(separator: ",")
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
