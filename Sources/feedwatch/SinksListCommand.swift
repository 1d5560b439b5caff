import ArgumentParser
import Configuration
import Foundation
import Store
import Webhooks

/// `feedwatch sinks`: each sink with its format, where it posts, whether it
/// signs, and its deliveries in the outbox.
struct SinksListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The sinks with their outbox counts: pending, delivered, dead (the default).")

    @OptionGroup var common: CommonOptions

    @Flag(help: "One JSON object per sink, per line.")
    var json = false

    /// One line of the listing.
    struct Row: Encodable {
        var name: String
        var format: String
        var url: String
        var signed: Bool
        var configured: Bool
        var pending: Int
        var delivered: Int
        var dead: Int
        /// Why the newest dead delivery died, and when.
        var lastDeadReason: String?
        var lastDeadAt: String?
        var lastDeadAlert: String?

        init(
            name: String, format: String, url: String, signed: Bool, configured: Bool,
            counts: DeliveryCounts
        ) {
            self.name = name
            self.format = format
            self.url = url
            self.signed = signed
            self.configured = configured
            pending = counts.pending
            delivered = counts.delivered
            dead = counts.dead
            lastDeadReason = counts.lastDeath?.reason
            lastDeadAt = counts.lastDeath?.time.map { ISO8601DateFormatter().string(from: $0) }
            lastDeadAlert = counts.lastDeath?.alertID
        }

        enum CodingKeys: String, CodingKey {
            case name, format, url, signed, configured, pending, delivered, dead
            case lastDeadReason = "last_dead_reason", lastDeadAt = "last_dead_at"
            case lastDeadAlert = "last_dead_alert"
        }
    }

    func run() throws {
        // The sinks as far as they read: a broken section is a warning.
        let configuration = try loadConfiguration(common, needing: .outbox, command: "sinks")
        let counts: [String: DeliveryCounts]
        do {
            // Read-only: a running monitor keeps its lock.
            counts =
                try StateOpening.forReview(configuration.settings.state)?
                .deliveryCountsBySink() ?? [:]
        } catch {
            printError("\(error)")
            throw ExitStatus.failures
        }
        var rows = configuration.sinks.map { sink in
            Row(
                name: sink.name, format: sink.format.rawValue, url: RedactedURL.text(sink.url),
                signed: sink.secret != nil, configured: true,
                counts: counts[sink.name] ?? DeliveryCounts())
        }
        // Sinks removed from feeds.conf whose deliveries are still in the outbox.
        let configured = Set(configuration.sinks.map(\.name))
        for (name, count) in counts.sorted(by: { $0.key < $1.key }) where !configured.contains(name)
        {
            rows.append(
                Row(
                    name: name, format: "-", url: "(no longer in feeds.conf)", signed: false,
                    configured: false, counts: count))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for row in rows { print(String(decoding: try encoder.encode(row), as: UTF8.self)) }
            return
        }
        guard !rows.isEmpty else {
            print("No webhook sinks: add a [sink NAME] section to \(common.config).")
            return
        }
        print(
            TextTable.render(
                header: ["SINK", "FORMAT", "SIGNED", "PENDING", "DELIVERED", "DEAD", "URL"],
                rows: rows.map { row in
                    [
                        row.name, row.format, row.signed ? "yes" : "no", String(row.pending),
                        String(row.delivered), String(row.dead), row.url,
                    ]
                }))
        for row in rows {
            guard let reason = row.lastDeadReason else { continue }
            print(
                "\(row.name): last dead delivery \(row.lastDeadAt ?? "") (alert \(row.lastDeadAlert ?? "")): \(reason)"
            )
        }
    }
}
