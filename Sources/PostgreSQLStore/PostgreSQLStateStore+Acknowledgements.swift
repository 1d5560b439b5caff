import FeedModel
import Foundation
import PostgreSQLClient
import Store

/// Acknowledgements, apart from the alert index, written from any host.
extension PostgreSQLStateStore: AlertAcknowledgementStore {
    public func acknowledge(_ acknowledgements: [AlertAcknowledgement]) throws(StoreError) {
        guard !acknowledgements.isEmpty else { return }
        try writing("acknowledging \(Counted.phrase(acknowledgements.count, "alert"))") {
            () throws(PostgreSQLError) in
            for acknowledgement in acknowledgements {
                try connection.execute(
                    """
                    INSERT INTO alert_ack (alert_id, acked_at, acked_by, note) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (alert_id) DO UPDATE SET acked_at = excluded.acked_at,
                        acked_by = excluded.acked_by, note = excluded.note
                    """,
                    [
                        .text(acknowledgement.alertID), .date(acknowledgement.time),
                        .text(acknowledgement.by), .text(acknowledgement.note),
                    ])
            }
        }
    }

    @discardableResult
    public func removeAcknowledgement(alertID: String) throws(StoreError) -> Bool {
        try writing("removing the acknowledgement of \(alertID)") { () throws(PostgreSQLError) in
            try connection.execute("DELETE FROM alert_ack WHERE alert_id = $1", [.text(alertID)])
                .affectedRowCount > 0
        }
    }

    public func acknowledgements(alertIDs: [String]) throws(StoreError)
        -> [String: AlertAcknowledgement]
    {
        guard !alertIDs.isEmpty else { return [:] }
        let found = try query(
            "reading the acknowledgements of \(Counted.phrase(alertIDs.count, "alert"))",
            "SELECT alert_id, acked_at, acked_by, note FROM alert_ack WHERE alert_id = ANY ($1)",
            [.textArray(alertIDs)]
        ) { row throws(PostgreSQLError) in
            AlertAcknowledgement(
                alertID: try row.string(0), time: try row.date(1), by: row.optionalString(2),
                note: row.optionalString(3))
        }
        return Dictionary(found.map { ($0.alertID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func acknowledgedAlertIDs() throws(StoreError) -> Set<String> {
        Set(
            try query("reading the acknowledged alerts", "SELECT alert_id FROM alert_ack") {
                row throws(PostgreSQLError) in try row.string(0)
            })
    }
}
