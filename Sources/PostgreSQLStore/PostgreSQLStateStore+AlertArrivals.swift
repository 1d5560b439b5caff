import Foundation
import PostgreSQLClient
import Store

/// New alerts told through LISTEN/NOTIFY: a pass commit that indexes alerts
/// sends their ids on `feedwatch_alerts`, and PostgreSQL delivers the
/// message only once that commit is visible, so a follower reads the
/// entries by id. Ids, not a position in the index: identity values are
/// taken at insert and commits land in another order, so "after the last
/// id seen" would skip an alert whose commit came late.
extension PostgreSQLStateStore: AlertArrivals {
    /// The channel the pass commits notify.
    static let alertChannel = "feedwatch_alerts"

    /// The most a notification's payload may hold is 8,000 bytes; ids are
    /// sent in as many as they need.
    private static let payloadBytes = 7_900

    public func listenForAlerts() throws(StoreError) {
        try run("listening for new alerts") { () throws(PostgreSQLError) in
            try connection.listen(Self.alertChannel)
        }
    }

    public func arrivedAlerts(waitingUpTo timeout: TimeInterval) throws(StoreError)
        -> [AlertIndexEntry]
    {
        // The connection is held while waiting: a follower asks nothing else meanwhile.
        try run("waiting for new alerts") { () throws(PostgreSQLError) in
            let notifications = try connection.notifications(waitingUpTo: timeout)
            var ids: [String] = []
            var seen: Set<String> = []
            for notification in notifications where notification.channel == Self.alertChannel {
                for id in notification.payload.split(separator: " ").map(String.init)
                where seen.insert(id).inserted {
                    ids.append(id)
                }
            }
            guard !ids.isEmpty else { return [] }
            var byID: [String: AlertIndexEntry] = [:]
            for row in try connection.execute(
                "SELECT \(Self.alertIndexColumns) FROM alert_index WHERE alert_id = ANY ($1)",
                [.textArray(ids)])
            {
                let entry = try Self.readAlertIndexEntry(row)
                byID[entry.alertID] = entry
            }
            // In the order the notifications came, which is the order of the commits.
            return ids.compactMap { byID[$0] }
        }
    }

    /// Tells followers of the alerts `entries` index, inside the committing
    /// transaction: PostgreSQL sends it when, and only if, that commits.
    func notifyAlertArrivals(_ entries: [AlertIndexEntry]) throws(PostgreSQLError) {
        var payload = ""
        for entry in entries {
            if !payload.isEmpty
                && payload.utf8.count + 1 + entry.alertID.utf8.count > Self.payloadBytes
            {
                try connection.notify(Self.alertChannel, payload: payload)
                payload = ""
            }
            payload += payload.isEmpty ? entry.alertID : " " + entry.alertID
        }
        if !payload.isEmpty { try connection.notify(Self.alertChannel, payload: payload) }
    }
}
