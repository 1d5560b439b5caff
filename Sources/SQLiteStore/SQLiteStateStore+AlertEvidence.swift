import FeedModel
import Foundation
import Store

/// The evidence copies of alerts, beside the alert index.
extension SQLiteStateStore: AlertEvidenceStore {
    public func evidence(alertID: String) throws(StoreError) -> AlertEvidence? {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                """
                SELECT rule_title, rule_match, title, summary, content FROM alert_evidence
                WHERE alert_id = ?
                """, purpose: "reading the evidence of alert \(alertID)"
            ) { statement throws(StoreError) in
                try statement.bind(alertID, at: 1)
                guard try statement.step() else { return nil }
                return AlertEvidence(
                    alertID: alertID, ruleTitle: statement.optionalString(at: 0),
                    ruleMatch: statement.optionalString(at: 1), title: statement.string(at: 2),
                    summary: statement.string(at: 3), content: statement.string(at: 4))
            }
        }
    }

    /// Inserts inside the caller's transaction; an alert's first copy stays,
    /// being what it was raised on.
    func insertEvidence(_ evidence: [AlertEvidence]) throws(StoreError) {
        guard !evidence.isEmpty else { return }
        try database.withStatement(
            """
            INSERT OR IGNORE INTO alert_evidence
                (alert_id, rule_title, rule_match, title, summary, content)
            VALUES (?, ?, ?, ?, ?, ?)
            """, purpose: "keeping the evidence of \(Counted.phrase(evidence.count, "alert"))"
        ) { statement throws(StoreError) in
            for copy in evidence {
                statement.reset()
                try statement.bind(copy.alertID, at: 1)
                try statement.bind(copy.ruleTitle, at: 2)
                try statement.bind(copy.ruleMatch, at: 3)
                try statement.bind(copy.title, at: 4)
                try statement.bind(copy.summary, at: 5)
                try statement.bind(copy.content, at: 6)
                try statement.run()
            }
        }
    }
}
