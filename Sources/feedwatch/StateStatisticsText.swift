import FeedModel
import Foundation
import Store

/// `state stats` for a person (a table) and for a program (one JSON object).
enum StateStatisticsText {
    /// Counts at the top level by kind (`seen_items`, `archived_items`,
    /// `stories`, `outbox`, `alerts_indexed`, `alert_evidence`,
    /// `acknowledgements`, `feed_states`), bytes by kind
    /// under `bytes` (absent when SQLite lacks `dbstat`), then the file's totals.
    static func json(_ statistics: StateStatistics) -> String {
        var fields: [(String, String)] = statistics.kinds.map { ($0.name, String($0.rows)) }
        fields += [
            ("seen_items_absent", String(statistics.absentSeenItems)),
            ("outbox_pending", String(statistics.pendingDeliveries)),
            ("file_bytes", String(statistics.fileBytes)),
            ("wal_bytes", String(statistics.walBytes)),
            ("free_bytes", String(statistics.freeBytes)),
            ("path", JSONString.quoted(statistics.location)),
            ("last_prune", statistics.lastPrune.map { JSONString.quoted(rfc3339($0)) } ?? "null"),
        ]
        if let other = statistics.otherBytes {
            let bytes = statistics.kinds.compactMap { kind in
                kind.bytes.map { (kind.name, String($0)) }
            }
            fields.append(
                ("bytes", object((bytes + [("other", String(other))]).sorted { $0.0 < $1.0 })))
        }
        return object(fields.sorted { $0.0 < $1.0 })
    }

    static func table(_ statistics: StateStatistics) -> String {
        var rows = statistics.kinds.map { kind in
            [
                kind.name.replacingOccurrences(of: "_", with: " "), String(kind.rows),
                size(kind.bytes),
            ]
        }
        if let other = statistics.otherBytes { rows.append(["other", "", size(other)]) }
        let free =
            statistics.freeBytes > 0 ? ", \(size(statistics.freeBytes)) of it free for reuse" : ""
        return TextTable.render(header: ["KIND", "ROWS", "SIZE"], rows: rows) + "\n\n"
            + "\(statistics.location): \(size(statistics.fileBytes))\(free); write-ahead log \(size(statistics.walBytes))\n"
            + "\(Counted.phrase(statistics.absentSeenItems, "seen item")) absent from their feeds, \(Counted.phrase(statistics.pendingDeliveries, "delivery")) pending\n"
            + "last prune: \(statistics.lastPrune.map(rfc3339) ?? "never")"
    }

    /// Bytes for a person: binary units, as feeds.conf writes sizes.
    static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "-" }
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(JSONString.quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
}
