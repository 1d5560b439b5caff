import Foundation
import Store

/// The whole state read out kind by kind, for a copy into another backend
/// (`feedwatch state migrate`): each kind streamed from one statement in
/// one read transaction, a batch at a time.
extension SQLiteStateStore: StateExport {
    /// The table that holds each kind (its one row per record).
    static func table(of kind: StateRecordKind) -> String {
        switch kind {
        case .feedStates: "feed_state"
        case .seenItems: "seen_item"
        case .archivedItems: "item_archive"
        case .alertsIndexed: "alert_index"
        case .alertEvidence: "alert_evidence"
        case .acknowledgements: "alert_ack"
        case .outbox: "alert_outbox"
        case .digestEntries: "digest_entry"
        case .mutes: "mute"
        case .stories: "story"
        case .maintenanceRuns: "maintenance"
        }
    }

    public func recordCount(of kind: StateRecordKind) throws(StoreError) -> Int {
        try serialized { () throws(StoreError) in
            try database.withStatement(
                "SELECT count(*) FROM \(Self.table(of: kind))",
                purpose: "counting \(kind.rawValue)"
            ) { statement throws(StoreError) in
                try statement.step() ? statement.int(at: 0) : 0
            }
        }
    }

    public func exportRecords(
        of kind: StateRecordKind, batchSize: Int,
        to body: (StateRecords) throws(StoreError) -> Void
    ) throws(StoreError) {
        switch kind {
        case .feedStates:
            try stream(
                "SELECT \(Self.feedStateColumns) FROM feed_state ORDER BY name", kind, batchSize,
                read: { row throws(StoreError) in Self.readFeedState(row) },
                to: { records throws(StoreError) in try body(.feedStates(records)) })
        case .seenItems:
            try stream(
                """
                SELECT feed, item_id, content_hash, first_seen, absent_since FROM seen_item
                ORDER BY feed, item_id
                """, kind, batchSize,
                read: { row throws(StoreError) in
                    SeenItemRecord(
                        feed: row.string(at: 0), itemID: row.string(at: 1),
                        contentHash: row.string(at: 2), firstSeen: row.date(at: 3),
                        absentSince: row.optionalDate(at: 4))
                }, to: { records throws(StoreError) in try body(.seenItems(records)) })
        case .archivedItems:
            try stream(
                """
                SELECT feed, item_id, title, link, summary, content, authors, categories,
                       published, updated, text_title, text_summary, text_content, first_seen
                FROM item_archive ORDER BY feed, item_id
                """, kind, batchSize,
                read: { row throws(StoreError) in try readArchivedItem(row) },
                to: { records throws(StoreError) in try body(.archivedItems(records)) })
        case .alertsIndexed:
            try stream(
                """
                SELECT \(Self.alertIndexColumns),
                    coalesce((SELECT text FROM alert_search WHERE rowid = alert_index.id), '')
                FROM alert_index ORDER BY id
                """, kind, batchSize,
                read: { row throws(StoreError) in
                    var entry = Self.readAlertIndexEntry(row)
                    entry.searchText = row.string(at: 14)
                    return entry
                }, to: { records throws(StoreError) in try body(.alertsIndexed(records)) })
        case .alertEvidence:
            try stream(
                """
                SELECT alert_id, rule_title, rule_match, title, summary, content
                FROM alert_evidence ORDER BY alert_id
                """, kind, batchSize,
                read: { row throws(StoreError) in
                    AlertEvidence(
                        alertID: row.string(at: 0), ruleTitle: row.optionalString(at: 1),
                        ruleMatch: row.optionalString(at: 2), title: row.string(at: 3),
                        summary: row.string(at: 4), content: row.string(at: 5))
                }, to: { records throws(StoreError) in try body(.alertEvidence(records)) })
        case .acknowledgements:
            try stream(
                "SELECT alert_id, acked_at, acked_by, note FROM alert_ack ORDER BY alert_id",
                kind, batchSize,
                read: { row throws(StoreError) in
                    AlertAcknowledgement(
                        alertID: row.string(at: 0), time: row.date(at: 1),
                        by: row.optionalString(at: 2), note: row.optionalString(at: 3))
                }, to: { records throws(StoreError) in try body(.acknowledgements(records)) })
        case .outbox:
            try stream(
                """
                SELECT \(Self.deliveryColumns),
                    (SELECT json_group_array(alert_id) FROM outbox_alert
                     WHERE delivery = alert_outbox.id)
                FROM alert_outbox ORDER BY id
                """, kind, batchSize,
                read: { row throws(StoreError) in
                    let delivery = try readDelivery(row)
                    guard let named = StringListColumn.decode(row.string(at: 11)) else {
                        throw StoreError.invalidData(
                            path: path,
                            message: "delivery \(delivery.id) names unreadable alert ids")
                    }
                    return OutboxRecord(delivery: delivery, alertIDs: named)
                }, to: { records throws(StoreError) in try body(.outbox(records)) })
        case .digestEntries:
            try stream(
                """
                SELECT id, sink, message_key, alert_ids, due, content, created_at
                FROM digest_entry ORDER BY id
                """, kind, batchSize,
                read: { row throws(StoreError) in
                    let id = row.int64(at: 0)
                    guard let alertIDs = StringListColumn.decode(row.string(at: 3)) else {
                        throw StoreError.invalidData(
                            path: path, message: "digest entry \(id) has an unreadable alert list")
                    }
                    return HeldDigestEntry(
                        id: id,
                        entry: NewDigestEntry(
                            messageKey: row.string(at: 2), sink: row.string(at: 1),
                            alertIDs: alertIDs, due: row.date(at: 4), content: row.data(at: 5),
                            createdAt: row.date(at: 6)))
                }, to: { records throws(StoreError) in try body(.digestEntries(records)) })
        case .mutes:
            try stream(
                "SELECT kind, target, until, note, created_at FROM mute ORDER BY kind, target",
                kind, batchSize,
                read: { row throws(StoreError) in try readMute(row) },
                to: { records throws(StoreError) in try body(.mutes(records)) })
        case .stories:
            try stream(
                "SELECT \(Self.storyColumns) FROM story ORDER BY id", kind, batchSize,
                read: { row throws(StoreError) in Self.readStory(row) },
                to: { records throws(StoreError) in try body(.stories(records)) })
        case .maintenanceRuns:
            try stream(
                "SELECT task, last_run FROM maintenance ORDER BY task", kind, batchSize,
                read: { row throws(StoreError) in
                    MaintenanceRun(task: row.string(at: 0), lastRun: row.date(at: 1))
                }, to: { records throws(StoreError) in try body(.maintenanceRuns(records)) })
        }
    }

    /// Steps `sql` in one read transaction, handing `deliver` its rows
    /// `batchSize` at a time.
    private func stream<Record>(
        _ sql: String, _ kind: StateRecordKind, _ batchSize: Int,
        read: (SQLiteStatement) throws(StoreError) -> Record,
        to deliver: ([Record]) throws(StoreError) -> Void
    ) throws(StoreError) {
        let purpose = "reading the \(kind.rawValue) out"
        try serialized { () throws(StoreError) in
            try database.readTransaction(purpose: purpose) { () throws(StoreError) in
                try database.withStatement(sql, purpose: purpose) {
                    statement throws(StoreError) in
                    var batch: [Record] = []
                    batch.reserveCapacity(batchSize)
                    while try statement.step() {
                        batch.append(try read(statement))
                        if batch.count >= batchSize {
                            try deliver(batch)
                            batch.removeAll(keepingCapacity: true)
                        }
                    }
                    if !batch.isEmpty { try deliver(batch) }
                }
            }
        }
    }
}
