import Foundation
import PostgreSQLClient

/// The slots of the per-host cap this process holds, as session advisory
/// locks (`pg_try_advisory_lock`, one per host and slot number): taking one
/// never waits, and the server frees a process's slots when its connection
/// ends, so a monitor killed mid-transfer blocks no host.
///
/// On a connection of its own, opened at the first claim: the fetcher claims
/// a slot before every transfer, and must not wait behind the pass's commits
/// or its wait for story placement on the store's connection.
///
/// `@unchecked Sendable`: `connection` and `held` are touched only with `lock` locked.
final class PostgreSQLHostSlots: @unchecked Sendable {
    private let url: String
    private let password: String?
    private let lock = NSLock()
    private var connection: PostgreSQLConnection?
    /// The slot numbers held, by host. A session may take one advisory lock
    /// twice, so the process must know which it holds to take another.
    private var held: [String: [Int]] = [:]

    init(url: String, password: String?) {
        self.url = url
        self.password = password
    }

    /// Takes a free one of `host`'s first `limit` slots; false when all are held.
    func claim(_ host: String, limit: Int) throws(PostgreSQLError) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let connection = try connected()
        let mine = held[host, default: []]
        let slots = max(0, min(limit, AdvisoryLockClass.hostSlotsAtMost))
        for slot in 0..<slots where !mine.contains(slot) {
            let taken = try connection.execute(
                "SELECT pg_try_advisory_lock($1::integer, hashtext($2))",
                [.integer(Int(AdvisoryLockClass.hostSlot) + slot), .text(host)])
            if try taken[0].bool(0) {
                held[host, default: []].append(slot)
                return true
            }
        }
        return false
    }

    /// Gives back one of the slots held for `host`.
    func release(_ host: String) throws(PostgreSQLError) {
        lock.lock()
        defer { lock.unlock() }
        guard var slots = held[host], let slot = slots.popLast(), let connection else { return }
        held[host] = slots.isEmpty ? nil : slots
        try connection.execute(
            "SELECT pg_advisory_unlock($1::integer, hashtext($2))",
            [.integer(Int(AdvisoryLockClass.hostSlot) + slot), .text(host)])
    }

    private func connected() throws(PostgreSQLError) -> PostgreSQLConnection {
        guard let connection else {
            let opened = try PostgreSQLConnection(url: url, password: password)
            connection = opened
            return opened
        }
        if connection.isBroken {
            // The server let go of the old session's slots with it.
            held = [:]
            try connection.reconnect()
        }
        return connection
    }
}
