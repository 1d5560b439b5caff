import FeedModel
import Foundation
import Store

/// One line per delivery of an alert, for `alerts show`: where it went, how
/// it ended, and for a dead or failing one what the receiver said.
enum DeliveryLines {
    static func text(_ deliveries: [OutboxDelivery]) -> String {
        let lines = deliveries.sorted { $0.sink < $1.sink }.map { delivery in
            var line = "  \(delivery.sink): \(delivery.status.rawValue)"
            line += ", \(Counted.phrase(delivery.attempts, "attempt"))"
            switch delivery.status {
            case .pending:
                line += ", next \(ISO8601DateFormatter().string(from: delivery.nextAttempt))"
            case .delivered, .dead:
                if let finished = delivery.finishedAt {
                    line += ", \(ISO8601DateFormatter().string(from: finished))"
                }
            }
            if delivery.status != .delivered, let error = delivery.lastError {
                line += ": \(error)"
            }
            return line
        }
        return (["deliveries:"] + lines).joined(separator: "\n")
    }
}
