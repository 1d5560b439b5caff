import Foundation
import PostgreSQLClient
import Store

/// A feed's turn of a pass, stored in one transaction. Every part is keyed,
/// so that two monitors committing the same work (or one repeating a pass
/// after a crash) store it once: the alert id keys the index and evidence,
/// alert id and sink the deliveries, message key and sink the digests.
extension PostgreSQLStateStore: PassCommitStore {
    public func commit(_ commit: PassCommit) throws(StoreError) {
        guard !commit.isEmpty else { return }
        try writing(commit.purpose) { () throws(PostgreSQLError) in
            try upsertSeen(feed: commit.feed, items: commit.seenItems)
            try upsertArchive(feed: commit.feed, items: commit.seenItems)
            // After the upserts, so that the items first seen now are among those compared.
            if let listing = commit.listing { try applyListing(listing, feed: commit.feed) }
            try insertDeliveries(commit.deliveries)
            try insertDigestEntries(commit.digestEntries)
            try insertAlertIndexEntries(commit.alertIndexEntries)
            try notifyAlertArrivals(commit.alertIndexEntries)
            try insertEvidence(commit.evidence)
            // After the inserts, so that the new entries follow the rename too.
            if let rename = commit.logRename {
                try connection.execute(
                    "UPDATE alert_index SET log_file = $1 WHERE log_file = $2",
                    [.text(rename.to), .text(rename.from)])
            }
            try upsertStories(commit.stories)
            try upsertFeedStates(commit.feedStates)
        }
    }

    /// Queues deliveries; one already queued for the same alert and sink is
    /// left as it is. Returns how many were new.
    @discardableResult
    func insertDeliveries(_ deliveries: [NewDelivery]) throws(PostgreSQLError) -> Int {
        var inserted = 0
        for delivery in deliveries {
            inserted +=
                try connection.execute(
                    """
                    INSERT INTO alert_outbox (alert_id, sink, payload, attempts, next_attempt,
                        expires_at, status, created_at)
                    VALUES ($1, $2, $3, 0, $4, $5, 'pending', $6)
                    ON CONFLICT (alert_id, sink) DO NOTHING
                    """, newDeliveryValues(delivery)
                ).affectedRowCount
            try insertNamedAlerts(of: delivery)
        }
        return inserted
    }

    /// The alerts a delivery's message names, on whichever row holds its key.
    func insertNamedAlerts(of delivery: NewDelivery) throws(PostgreSQLError) {
        try connection.execute(
            """
            INSERT INTO outbox_alert (delivery, alert_id)
            SELECT id, unnest($3::text[]) FROM alert_outbox WHERE alert_id = $1 AND sink = $2
            ON CONFLICT DO NOTHING
            """, [.text(delivery.alertID), .text(delivery.sink), .textArray(delivery.alertIDs)])
    }

    /// The six values of a new row, in the order the INSERTs list them.
    func newDeliveryValues(_ delivery: NewDelivery) -> [PostgreSQLValue] {
        [
            .text(delivery.alertID), .text(delivery.sink), .bytes(Array(delivery.payload)),
            .date(delivery.firstAttempt), .date(delivery.expiresAt), .date(delivery.createdAt),
        ]
    }

    /// Holds messages for digest sinks; one already held for the same message and sink stays.
    func insertDigestEntries(_ entries: [NewDigestEntry]) throws(PostgreSQLError) {
        for entry in entries {
            try connection.execute(
                """
                INSERT INTO digest_entry (sink, message_key, alert_ids, due, content, created_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (message_key, sink) DO NOTHING
                """,
                [
                    .text(entry.sink), .text(entry.messageKey), .textArray(entry.alertIDs),
                    .date(entry.due), .bytes(Array(entry.content)), .date(entry.createdAt),
                ])
        }
    }

    /// Keeps what alerts were raised on; an alert's first copy is kept.
    func insertEvidence(_ evidence: [AlertEvidence]) throws(PostgreSQLError) {
        for copy in evidence {
            try connection.execute(
                """
                INSERT INTO alert_evidence (alert_id, rule_title, rule_match, title, summary, content)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (alert_id) DO NOTHING
                """,
                [
                    .text(copy.alertID), .text(copy.ruleTitle), .text(copy.ruleMatch),
                    .text(copy.title), .text(copy.summary), .text(copy.content),
                ])
        }
    }

    /// Inserts or replaces stories.
    func upsertStories(_ stories: [StoredStory]) throws(PostgreSQLError) {
        for story in stories {
            try connection.execute(
                """
                INSERT INTO story (id, first_seen, last_seen, feeds, entities, alerted_rules,
                    escalated_rules, members)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (id) DO UPDATE SET first_seen = excluded.first_seen,
                    last_seen = excluded.last_seen, feeds = excluded.feeds,
                    entities = excluded.entities, alerted_rules = excluded.alerted_rules,
                    escalated_rules = excluded.escalated_rules, members = excluded.members
                """,
                [
                    .text(story.id), .date(story.firstSeen), .date(story.lastSeen),
                    .textArray(story.feeds), .textArray(story.entities),
                    .textArray(story.alertedRules), .textArray(story.escalatedRules),
                    .bytes(Array(story.members)),
                ])
        }
    }
}
