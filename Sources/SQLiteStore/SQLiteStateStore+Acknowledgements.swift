import FeedModel
import Foundation
import Store

/// Acknowledgements, written beside a running monitor by a store opened
/// `.sideWrites`: short transactions that wait (SQLite's busy timeout) for
/// the monitor's own.
extension SQLiteStateStore: AlertAcknowledgementStore {
    public func acknowledge(_ acknowledgements: [AlertAcknowledgement]) throws(StoreError) {
        guard !acknowledgements.isEmpty else { return }
        try writing(purpose: "acknowledging \(Counted.phrase(acknowledgements.count, "alert"))") {
            () throws(StoreError) in
            try database.withStatement(
                """
                INSERT OR REPLACE INTO alert_ack (alert_id, acked_at, acked_by, note)
                VALUES (?, ?, ?, ?)
                """, purpose: "acknowledging alerts"
            ) { statement throws(StoreError) in
                for acknowledgement in acknowledgements {
                    statement.reset()
                    try statement.bind(acknowledgement.alertID, at: 1)
                    try statement.bind(acknowledgement.time, at: 2)
                    try statement.bind(acknowledgement.by, at: 3)
                    try statement.bind(acknowledgement.note, at: 4)
                    try statement.run()
                }
            }
        }
    }

    @discardableResult
    public func removeAcknowledgement(alertID: String) throws(StoreError) -> Bool {
        try writing(purpose: "removing the acknowledgement of \(alertID)") {
            () throws(StoreError) in
            try database.withStatement(
                "DELETE FROM alert_ack WHERE alert_id = ? RETURNING alert_id",
                purpose: "removing the acknowledgement of \(alertID)"
            ) { statement throws(StoreError) in
                try statement.bind(alertID, at: 1)
                let removed = try statement.step()
                while try statement.step() {}
                return removed
            }
        }
    }

    public func acknowledgements(alertIDs: [String]) throws(StoreError)
        -> [String: AlertAcknowledgement]
    {
        guard !alertIDs.isEmpty else { return [:] }
        return try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT acked_at, acked_by, note FROM alert_ack WHERE alert_id = ?",
                purpose:
                    "reading the acknowledgements of \(Counted.phrase(alertIDs.count, "alert"))"
            ) { statement throws(StoreError) in
                var found: [String: AlertAcknowledgement] = [:]
                for alertID in Set(alertIDs) {
                    statement.reset()
                    try statement.bind(alertID, at: 1)
                    guard try statement.step() else { continue }
                    found[alertID] = AlertAcknowledgement(
                        alertID: alertID, time: statement.date(at: 0),
                        by: statement.optionalString(at: 1), note: statement.optionalString(at: 2))
                }
                return found
            }
        }
    }

    public func acknowledgedAlertIDs() throws(StoreError) -> Set<String> {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT alert_id FROM alert_ack", purpose: "reading the acknowledged alerts"
            ) { statement throws(StoreError) in
                Set(try statement.rows { $0.string(at: 0) })
            }
        }
    }
}
