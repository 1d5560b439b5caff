import Foundation
import PostgreSQLClient
import Store

/// A state copied in from another backend (`feedwatch state migrate`): all
/// of it in one transaction, into a database that holds no state yet, with
/// every column kept: outbox and digest ids too, the sequences moved past them.
extension PostgreSQLStateStore: StateImport {
    /// The table that holds each kind (its one row per record).
    private static func table(of kind: StateRecordKind) -> String {
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
        try query("counting \(kind.rawValue)", "SELECT count(*) FROM \(Self.table(of: kind))") {
            row throws(PostgreSQLError) in try row.int(0)
        }.first ?? 0
    }

    public func importRecords(
        _ fill: (_ write: (StateRecords) throws(StoreError) -> Void) throws(StoreError) -> Void
    ) throws(StoreError) -> Bool {
        let purpose = "copying a state in"
        guard access != .readOnly else {
            throw .database(path: target, message: "\(purpose): the store was opened read-only")
        }
        serializer.lock()
        defer { serializer.unlock() }
        return try connection.transaction(
            { () throws(StoreError) -> Bool in
                guard try holdsNoState(purpose) else { return false }
                try fill { records throws(StoreError) in
                    try statements("copying \(records.kind.rawValue) in") {
                        () throws(PostgreSQLError) in try insert(records)
                    }
                }
                try statements("moving the id sequences past the copied ids") {
                    () throws(PostgreSQLError) in
                    for table in ["alert_index", "alert_outbox", "digest_entry"] {
                        try connection.execute(
                            """
                            SELECT setval(pg_get_serial_sequence('\(table)', 'id'),
                                coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)
                            """)
                    }
                }
                return true
            }, failure: { storeError($0, purpose: purpose) })
    }

    /// Whether no table holds a row (leases included: a monitor has been here),
    /// with the tables locked against monitors until the copy commits.
    private func holdsNoState(_ purpose: String) throws(StoreError) -> Bool {
        try statements(purpose) { () throws(PostgreSQLError) in
            let tables = StateRecordKind.allCases.map(Self.table(of:)) + ["feed_lease"]
            try connection.execute(
                "LOCK TABLE \(tables.joined(separator: ", ")) IN SHARE ROW EXCLUSIVE MODE")
            for table in tables {
                if try connection.execute("SELECT EXISTS (SELECT 1 FROM \(table))")[0].bool(0) {
                    return false
                }
            }
            return true
        }
    }

    /// Runs statements on the held connection, their errors as `StoreError`.
    private func statements<Result>(
        _ purpose: String, _ body: () throws(PostgreSQLError) -> Result
    ) throws(StoreError) -> Result {
        do {
            return try body()
        } catch {
            throw storeError(error, purpose: purpose)
        }
    }

    private func insert(_ records: StateRecords) throws(PostgreSQLError) {
        switch records {
        case .feedStates(let states): try upsertFeedStates(states)
        case .seenItems(let items): try insertSeenItemRecords(items)
        case .archivedItems(let items):
            // The archive's statement takes one feed's items at a time.
            var feeds: [String] = []
            var byFeed: [String: [SeenItem]] = [:]
            for archived in items {
                if byFeed[archived.feed] == nil { feeds.append(archived.feed) }
                // The archive keeps no hash: that is the seen item's.
                byFeed[archived.feed, default: []].append(
                    SeenItem(item: archived.item, contentHash: "", firstSeen: archived.firstSeen))
            }
            for feed in feeds { try upsertArchive(feed: feed, items: byFeed[feed] ?? []) }
        case .alertsIndexed(let entries): try insertCopiedAlertIndexEntries(entries)
        case .alertEvidence(let evidence): try insertCopiedEvidence(evidence)
        case .acknowledgements(let acknowledgements):
            for acknowledgement in acknowledgements {
                try connection.execute(
                    "INSERT INTO alert_ack (alert_id, acked_at, acked_by, note) VALUES ($1, $2, $3, $4)",
                    [
                        .text(acknowledgement.alertID), .date(acknowledgement.time),
                        .text(acknowledgement.by), .text(acknowledgement.note),
                    ])
            }
        case .outbox(let records): try insertOutboxRecords(records)
        case .digestEntries(let entries): try insertHeldDigestEntries(entries)
        case .mutes(let mutes):
            for mute in mutes {
                try connection.execute(
                    "INSERT INTO mute (kind, target, until, note, created_at) VALUES ($1, $2, $3, $4, $5)",
                    [
                        .text(mute.target.kind), .text(mute.target.name), .date(mute.until),
                        .text(mute.note), .date(mute.createdAt),
                    ])
            }
        case .stories(let stories): try upsertStories(stories)
        case .maintenanceRuns(let runs):
            for run in runs {
                try connection.execute(
                    "INSERT INTO maintenance (task, last_run) VALUES ($1, $2)",
                    [.text(run.task), .date(run.lastRun)])
            }
        }
    }

    /// Seen items with their first-seen and absent-since times, in one statement.
    private func insertSeenItemRecords(_ items: [SeenItemRecord]) throws(PostgreSQLError) {
        guard !items.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO seen_item (feed, item_id, content_hash, first_seen, absent_since)
            SELECT feed, id, hash, seen::float8, absent::float8
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                AS batch (feed, id, hash, seen, absent)
            """,
            [
                .textArray(items.map(\.feed)), .textArray(items.map(\.itemID)),
                .textArray(items.map(\.contentHash)),
                .textArray(items.map { PostgreSQLValue.date($0.firstSeen).textForm }),
                .textArray(items.map { PostgreSQLValue.date($0.absentSince).textForm }),
            ])
    }

    /// Index entries in one statement, their ids taken in the batch's order
    /// (the copied index's order): a pass commit's one row per statement
    /// would make a copy of a million alerts a million round trips.
    private func insertCopiedAlertIndexEntries(_ entries: [AlertIndexEntry])
        throws(PostgreSQLError)
    {
        guard !entries.isEmpty else { return }
        let texts = { (value: (AlertIndexEntry) -> PostgreSQLValue) in
            PostgreSQLValue.textArray(entries.map { value($0).textForm })
        }
        try connection.execute(
            """
            INSERT INTO alert_index (alert_id, time, day, rule, severity, severity_rank, feed,
                story, title, log_file, byte_offset, entities, kind, item_id, published,
                search_text)
            SELECT alert_id, time::float8, day::integer, rule, severity, severity_rank::integer,
                feed, story, title, log_file, byte_offset::bigint, entities::text[], kind,
                item_id, published::float8, search_text
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                $13::text[], $14::text[], $15::text[], $16::text[])
                WITH ORDINALITY AS batch (alert_id, time, day, rule, severity, severity_rank,
                    feed, story, title, log_file, byte_offset, entities, kind, item_id,
                    published, search_text, position)
            ORDER BY position
            """,
            [
                .textArray(entries.map(\.alertID)), texts { .date($0.time) },
                texts { .integer(AlertDay.number(of: $0.time)) }, .textArray(entries.map(\.rule)),
                .textArray(entries.map(\.severity)), texts { .integer($0.severityRank) },
                .textArray(entries.map(\.feed)), .textArray(entries.map(\.story)),
                .textArray(entries.map(\.title)), .textArray(entries.map(\.logFile)),
                texts { .integer($0.byteOffset) }, texts { .textArray($0.entities) },
                .textArray(entries.map(\.kind)), .textArray(entries.map(\.itemID)),
                texts { .date($0.published) }, .textArray(entries.map(\.searchText)),
            ])
    }

    /// Evidence copies in one statement.
    private func insertCopiedEvidence(_ evidence: [AlertEvidence]) throws(PostgreSQLError) {
        guard !evidence.isEmpty else { return }
        try connection.execute(
            """
            INSERT INTO alert_evidence (alert_id, rule_title, rule_match, title, summary, content)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                $6::text[])
            """,
            [
                .textArray(evidence.map(\.alertID)), .textArray(evidence.map(\.ruleTitle)),
                .textArray(evidence.map(\.ruleMatch)), .textArray(evidence.map(\.title)),
                .textArray(evidence.map(\.summary)), .textArray(evidence.map(\.content)),
            ])
    }

    /// Deliveries under their own ids, with their history and the alerts they name.
    private func insertOutboxRecords(_ records: [OutboxRecord]) throws(PostgreSQLError) {
        for record in records {
            let delivery = record.delivery
            try connection.execute(
                """
                INSERT INTO alert_outbox (id, alert_id, sink, payload, attempts, next_attempt,
                    expires_at, status, last_error, created_at, finished_at)
                OVERRIDING SYSTEM VALUE
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                [
                    .integer(delivery.id), .text(delivery.alertID), .text(delivery.sink),
                    .bytes(Array(delivery.payload)), .integer(delivery.attempts),
                    .date(delivery.nextAttempt), .date(delivery.expiresAt),
                    .text(delivery.status.rawValue), .text(delivery.lastError),
                    .date(delivery.createdAt), .date(delivery.finishedAt),
                ])
            try connection.execute(
                "INSERT INTO outbox_alert (delivery, alert_id) SELECT $1, unnest($2::text[])",
                [.integer(delivery.id), .textArray(record.alertIDs)])
        }
    }

    /// Held digest messages under their own ids.
    private func insertHeldDigestEntries(_ entries: [HeldDigestEntry]) throws(PostgreSQLError) {
        for held in entries {
            let entry = held.entry
            try connection.execute(
                """
                INSERT INTO digest_entry (id, sink, message_key, alert_ids, due, content, created_at)
                OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7)
                """,
                [
                    .integer(held.id), .text(entry.sink), .text(entry.messageKey),
                    .textArray(entry.alertIDs), .date(entry.due), .bytes(Array(entry.content)),
                    .date(entry.createdAt),
                ])
        }
    }
}
