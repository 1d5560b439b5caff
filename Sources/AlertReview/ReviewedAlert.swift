import AlertLog
import Foundation
import Store

/// An alert record as the review's `--json` prints it: the log's record,
/// with its acknowledgement (`ack`, null when none) and, for `alerts show`,
/// its evidence copy.
public struct ReviewedAlert: Encodable {
    public var alert: Alert
    public var ack: AlertAcknowledgement?
    /// Written only when asked for (`alerts show --json`).
    public var evidence: AlertEvidence?

    public init(alert: Alert, ack: AlertAcknowledgement?, evidence: AlertEvidence? = nil) {
        self.alert = alert
        self.ack = ack
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey { case ack, evidence }
    enum AckKeys: String, CodingKey {
        case ackedAt = "acked_at"
        case ackedBy = "acked_by"
        case note
    }
    enum EvidenceKeys: String, CodingKey {
        case ruleTitle = "rule_title"
        case ruleMatch = "rule_match"
        case title, summary, content
    }

    public func encode(to encoder: any Encoder) throws {
        // The record's own keys, then these beside them in the same object.
        try alert.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let ack {
            var fields = container.nestedContainer(keyedBy: AckKeys.self, forKey: .ack)
            try fields.encode(ack.time, forKey: .ackedAt)
            try fields.encode(ack.by, forKey: .ackedBy)
            try fields.encode(ack.note, forKey: .note)
        } else {
            try container.encodeNil(forKey: .ack)
        }
        if let evidence {
            var fields = container.nestedContainer(keyedBy: EvidenceKeys.self, forKey: .evidence)
            try fields.encode(evidence.ruleTitle, forKey: .ruleTitle)
            try fields.encode(evidence.ruleMatch, forKey: .ruleMatch)
            try fields.encode(evidence.title, forKey: .title)
            try fields.encode(evidence.summary, forKey: .summary)
            try fields.encode(evidence.content, forKey: .content)
        }
    }
}
