import Foundation
import PostgreSQLClient
import Store

/// What each alert was raised on, written once in the commit that indexes it.
extension PostgreSQLStateStore: AlertEvidenceStore {
    public func evidence(alertID: String) throws(StoreError) -> AlertEvidence? {
        try query(
            "reading the evidence of alert \(alertID)",
            """
            SELECT rule_title, rule_match, title, summary, content FROM alert_evidence
            WHERE alert_id = $1
            """, [.text(alertID)]
        ) { row throws(PostgreSQLError) in
            AlertEvidence(
                alertID: alertID, ruleTitle: row.optionalString(0),
                ruleMatch: row.optionalString(1), title: try row.string(2),
                summary: try row.string(3), content: try row.string(4))
        }.first
    }
}
