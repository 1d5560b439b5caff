import CLibPQ
import Foundation

/// A message another session sent with NOTIFY (or `pg_notify`) on a channel
/// this connection listens to; it arrives once the sender's transaction commits.
public struct PostgreSQLNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// The server process of the session that sent it.
    public var senderProcessID: Int

    public init(channel: String, payload: String, senderProcessID: Int) {
        self.channel = channel
        self.payload = payload
        self.senderProcessID = senderProcessID
    }
}

/// LISTEN/NOTIFY: how one process learns at once that another wrote
/// something (a new alert for `alerts follow`), without polling the tables.
extension PostgreSQLConnection {
    /// Listens on `channel`: its notifications wait in the connection until read.
    public func listen(_ channel: String) throws(PostgreSQLError) {
        try execute("LISTEN \(Self.quotedIdentifier(channel))")
    }

    /// Stops listening on `channel`.
    public func unlisten(_ channel: String) throws(PostgreSQLError) {
        try execute("UNLISTEN \(Self.quotedIdentifier(channel))")
    }

    /// Sends `payload` on `channel`, when the current transaction (if any) commits.
    public func notify(_ channel: String, payload: String) throws(PostgreSQLError) {
        try execute("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }

    /// The notifications received so far, oldest first; when there are none
    /// yet, waits up to `timeout` seconds for the server to send some.
    public func notifications(waitingUpTo timeout: TimeInterval) throws(PostgreSQLError)
        -> [PostgreSQLNotification]
    {
        let received = try receivedNotifications()
        guard received.isEmpty, timeout > 0 else { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw .connection(message: Self.errorMessage(handle)) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(min(timeout * 1000, Double(Int32.max)).rounded(.up))
        // A signal cutting the wait short is no error: the caller asks again.
        if poll(&descriptor, 1, milliseconds) < 0 && errno != EINTR {
            throw .connection(
                message: "waiting for notifications: \(String(cString: strerror(errno)))")
        }
        return try receivedNotifications()
    }

    /// Reads what the server sent and takes the notifications libpq holds.
    private func receivedNotifications() throws(PostgreSQLError) -> [PostgreSQLNotification] {
        guard PQconsumeInput(handle) == 1 else {
            throw .connection(message: Self.errorMessage(handle))
        }
        var notifications: [PostgreSQLNotification] = []
        while let notification = PQnotifies(handle) {
            let fields = notification.pointee
            notifications.append(
                PostgreSQLNotification(
                    channel: String(cString: fields.relname),
                    payload: fields.extra.map { String(cString: $0) } ?? "",
                    senderProcessID: Int(fields.be_pid)))
            PQfreemem(notification)
        }
        return notifications
    }

    /// `name` as an SQL identifier, quoted so that any text names one channel.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
