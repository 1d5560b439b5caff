import FeedModel
import Foundation
import RuleEngine

/// The alerts one sink is sent as one message: those that fired on one item
/// in one pass, the highest severity first. Escalations travel on their own.
public struct AlertMessage: Sendable, Equatable {
    /// Highest severity first, then in the order they fired; never empty.
    public let alerts: [Alert]

    /// Only `group` makes messages, so none is empty.
    private init(alerts: [Alert]) { self.alerts = alerts }

    /// The message's `Idempotency-Key`: the alert's id when there is one
    /// alert (as before messages were grouped), else a key made from every
    /// alert's id, the same on every retry, restart and machine.
    public var key: String {
        Self.key(alertIDs: alerts.map(\.id))
    }

    /// The alert whose severity the message carries.
    public var primary: Alert { alerts[0] }  // safe: `group` makes no empty message

    public static func key(alertIDs: [String]) -> String {
        guard alertIDs.count > 1 else { return alertIDs.first ?? "" }
        return StableHash.hex128(of: ["message"] + alertIDs.sorted())
    }

    /// The key of the digest of sink `sink` for the period ending `until`
    /// that folds the messages `messageKeys`: a message held after its
    /// period was folded goes into a digest of its own, never lost to a key already used.
    public static func digestKey(sink: String, until: Date, messageKeys: [String]) -> String {
        StableHash.hex128(
            of: ["digest", sink, String(Int64(until.timeIntervalSince1970))] + messageKeys.sorted())
    }

    /// Groups `alerts`, in the order given, into messages: one per item and kind.
    public static func group(_ alerts: [Alert]) -> [AlertMessage] {
        var order: [String] = []
        var byItem: [String: [Alert]] = [:]
        for alert in alerts {
            let item = StableHash.hex128(of: [alert.kind.rawValue, alert.feed, alert.item.id])
            if byItem[item] == nil { order.append(item) }
            byItem[item, default: []].append(alert)
        }
        return order.compactMap { item in
            guard let members = byItem[item] else { return nil }
            let ranked = members.enumerated().sorted {
                $0.element.severity != $1.element.severity
                    ? $0.element.severity > $1.element.severity : $0.offset < $1.offset
            }
            return AlertMessage(alerts: ranked.map(\.element))
        }
    }
}
