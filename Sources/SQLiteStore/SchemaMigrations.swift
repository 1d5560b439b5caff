import Store

/// One step of the schema, identified by the `PRAGMA user_version` it leads to.
struct SchemaMigration {
    let version: Int
    let purpose: String
    let sql: String
}

/// The schema's history, oldest first. Never edit a shipped step: append a new one.
enum SchemaMigrations {
    static let all: [SchemaMigration] = [
        SchemaMigration(
            version: 1,
            purpose: "create feed state, seen items, item archive, outbox and alert index",
            sql: """
                CREATE TABLE feed_state (
                    name TEXT PRIMARY KEY NOT NULL,
                    url TEXT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    last_status INTEGER,
                    last_error TEXT,
                    last_success REAL,
                    last_attempt REAL,
                    last_new_item REAL,
                    next_poll REAL,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    item_count INTEGER NOT NULL DEFAULT 0,
                    moved_to TEXT,
                    retry_after REAL,
                    last_bytes INTEGER,
                    last_duration REAL,
                    health_alert_since REAL
                ) STRICT;

                CREATE TABLE seen_item (
                    feed TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (feed, item_id)
                ) STRICT, WITHOUT ROWID;

                CREATE TABLE item_archive (
                    feed TEXT NOT NULL,
                    item_id TEXT NOT NULL,
                    title TEXT,
                    link TEXT,
                    summary TEXT,
                    content TEXT,
                    authors TEXT NOT NULL,
                    categories TEXT NOT NULL,
                    published REAL,
                    updated REAL,
                    text_title TEXT NOT NULL,
                    text_summary TEXT NOT NULL,
                    text_content TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    PRIMARY KEY (feed, item_id),
                    FOREIGN KEY (feed, item_id) REFERENCES seen_item (feed, item_id) ON DELETE CASCADE
                ) STRICT;
                CREATE INDEX item_archive_by_first_seen ON item_archive (first_seen);

                CREATE TABLE alert_outbox (
                    id INTEGER PRIMARY KEY,
                    alert_id TEXT NOT NULL,
                    sink TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
                    last_error TEXT,
                    created_at REAL NOT NULL,
                    finished_at REAL,
                    UNIQUE (alert_id, sink)
                ) STRICT;
                CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt);

                CREATE TABLE alert_index (
                    alert_id TEXT PRIMARY KEY NOT NULL,
                    time REAL NOT NULL,
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    severity_rank INTEGER NOT NULL,
                    feed TEXT NOT NULL,
                    story TEXT,
                    title TEXT,
                    log_file TEXT NOT NULL,
                    byte_offset INTEGER NOT NULL
                ) STRICT;
                CREATE INDEX alert_index_by_time ON alert_index (time, alert_id);
                CREATE INDEX alert_index_by_rule ON alert_index (rule, time, alert_id);
                CREATE INDEX alert_index_by_feed ON alert_index (feed, time, alert_id);
                CREATE INDEX alert_index_by_story ON alert_index (story, time, alert_id);
                """),
        SchemaMigration(
            version: 2,
            purpose:
                "create stories (reports of one incident across feeds); record when a feed began failing; index the entities and text of alerts",
            sql: """
                ALTER TABLE feed_state ADD COLUMN failing_since REAL;
                ALTER TABLE alert_index ADD COLUMN entities TEXT NOT NULL DEFAULT '';
                ALTER TABLE alert_index ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
                CREATE INDEX alert_index_by_severity ON alert_index (severity_rank, time, alert_id);
                CREATE TABLE story (
                    id TEXT PRIMARY KEY NOT NULL,
                    first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL,
                    feeds TEXT NOT NULL,
                    entities TEXT NOT NULL,
                    alerted_rules TEXT NOT NULL,
                    signatures BLOB NOT NULL
                ) STRICT;
                CREATE INDEX story_by_first_seen ON story (first_seen);
                """),
        SchemaMigration(
            version: 3,
            purpose:
                "slim the alert index: an integer key in log order, a UTC day column, entities in a table of their own, the searched text in a trigram full-text index",
            sql: """
                ALTER TABLE alert_index RENAME TO alert_index_v2;
                CREATE TABLE alert_index (
                    id INTEGER PRIMARY KEY,
                    alert_id TEXT NOT NULL UNIQUE,
                    time REAL NOT NULL,
                    day INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    severity_rank INTEGER NOT NULL,
                    feed TEXT NOT NULL,
                    story TEXT,
                    title TEXT,
                    log_file TEXT NOT NULL,
                    byte_offset INTEGER NOT NULL,
                    entities TEXT NOT NULL
                ) STRICT;
                INSERT INTO alert_index (
                    alert_id, time, day, rule, severity, severity_rank, feed, story, title,
                    log_file, byte_offset, entities)
                SELECT alert_id, time, \(AlertDay.sql(time: "time")), rule, severity,
                    severity_rank, feed, story, title, log_file, byte_offset, entities
                FROM alert_index_v2 ORDER BY rowid;

                CREATE VIRTUAL TABLE alert_search USING fts5 (
                    text, tokenize = 'trigram', detail = none);
                INSERT INTO alert_search (rowid, text)
                SELECT alert_index.id, alert_index_v2.search_text
                FROM alert_index JOIN alert_index_v2 USING (alert_id);

                CREATE TABLE alert_entity (
                    alert INTEGER NOT NULL REFERENCES alert_index (id) ON DELETE CASCADE,
                    entity TEXT NOT NULL,
                    PRIMARY KEY (alert, entity)
                ) STRICT, WITHOUT ROWID;
                -- The old column holds " a b ": peel one name off the front at a time.
                WITH RECURSIVE peeled (alert, entity, rest) AS (
                    SELECT id, NULL, ltrim(entities) FROM alert_index
                    UNION ALL
                    SELECT alert, substr(rest, 1, instr(rest, ' ') - 1),
                        ltrim(substr(rest, instr(rest, ' ')))
                    FROM peeled WHERE rest <> '' AND instr(rest, ' ') > 0
                )
                INSERT OR IGNORE INTO alert_entity (alert, entity)
                SELECT alert, entity FROM peeled WHERE entity <> '';

                DROP TABLE alert_index_v2;
                CREATE INDEX alert_index_by_time ON alert_index (time);
                CREATE INDEX alert_index_by_day ON alert_index (day);
                CREATE INDEX alert_index_by_rule ON alert_index (rule, time);
                CREATE INDEX alert_index_by_feed ON alert_index (feed, time);
                CREATE INDEX alert_index_by_story ON alert_index (story, time);
                CREATE INDEX alert_index_by_severity ON alert_index (severity_rank, time);
                CREATE INDEX alert_entity_by_entity ON alert_entity (entity, alert);
                """),
        SchemaMigration(
            version: 4,
            purpose:
                "retention: when a seen item left its feed, delivered and dead deliveries by when they finished, and when each upkeep task last ran",
            sql: """
                -- NULL while the item is in its feed (every existing item, until its feed's next body says otherwise).
                ALTER TABLE seen_item ADD COLUMN absent_since REAL;
                -- The items each feed still lists: a body read compares its ids with these only.
                CREATE INDEX seen_item_listed ON seen_item (feed) WHERE absent_since IS NULL;
                CREATE INDEX seen_item_by_absent_since ON seen_item (absent_since)
                    WHERE absent_since IS NOT NULL;
                CREATE INDEX alert_outbox_by_finished ON alert_outbox (finished_at)
                    WHERE status <> 'pending';
                CREATE TABLE maintenance (
                    task TEXT PRIMARY KEY NOT NULL,
                    last_run REAL NOT NULL
                ) STRICT;
                """),
        SchemaMigration(
            version: 5,
            purpose:
                "every firing in the alert index with its kind (alert, report, escalation, feed-health); stories keep their members' terms and the rules that escalated on them",
            sql: """
                ALTER TABLE alert_index ADD COLUMN kind TEXT NOT NULL DEFAULT 'alert';
                UPDATE alert_index SET kind = 'feed-health' WHERE rule = 'feed-health';
                CREATE INDEX alert_index_by_kind ON alert_index (kind, time);
                -- MinHash signatures cannot be turned into terms: old stories keep
                -- no members, are joined by no new report and leave the window.
                ALTER TABLE story RENAME COLUMN signatures TO members;
                UPDATE story SET members = x'';
                ALTER TABLE story ADD COLUMN escalated_rules TEXT NOT NULL DEFAULT '[]';
                CREATE INDEX story_by_last_seen ON story (last_seen);
                """),
        SchemaMigration(
            version: 7,
            purpose:
                "one message per item and sink: the alerts each delivery names; messages held for digest sinks; mutes",
            sql: """
                CREATE TABLE outbox_alert (
                    delivery INTEGER NOT NULL REFERENCES alert_outbox (id) ON DELETE CASCADE,
                    alert_id TEXT NOT NULL,
                    PRIMARY KEY (alert_id, delivery)
                ) STRICT, WITHOUT ROWID;
                CREATE INDEX outbox_alert_by_delivery ON outbox_alert (delivery);
                -- Every delivery so far named its own alert.
                INSERT INTO outbox_alert (delivery, alert_id) SELECT id, alert_id FROM alert_outbox;

                CREATE TABLE digest_entry (
                    id INTEGER PRIMARY KEY,
                    sink TEXT NOT NULL,
                    message_key TEXT NOT NULL,
                    alert_ids TEXT NOT NULL,
                    due REAL NOT NULL,
                    content BLOB NOT NULL,
                    created_at REAL NOT NULL,
                    UNIQUE (message_key, sink)
                ) STRICT;
                CREATE INDEX digest_entry_by_due ON digest_entry (due, sink);

                CREATE TABLE mute (
                    kind TEXT NOT NULL CHECK (kind IN ('entity', 'rule', 'feed')),
                    target TEXT NOT NULL,
                    until REAL NOT NULL,
                    note TEXT,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (kind, target)
                ) STRICT, WITHOUT ROWID;
                """),
        // The review desk's step was written as 6 beside the delivery half's 7,
        // which reached main first: numbered 8, so that a state already at 7
        // takes it too (the runner applies the steps above a file's version).
        SchemaMigration(
            version: 8,
            purpose:
                "the review desk: the item and its published time in the alert index, an evidence copy of what each alert was raised on, and acknowledgements",
            sql: """
                -- NULL in entries indexed before: `alerts reindex` fills them from the log.
                ALTER TABLE alert_index ADD COLUMN item_id TEXT;
                ALTER TABLE alert_index ADD COLUMN published REAL;
                -- Keyed by alert id, apart from the index: a reindex empties the
                -- index and keeps these. Rows outlive the archive's retention.
                CREATE TABLE alert_evidence (
                    alert_id TEXT PRIMARY KEY NOT NULL,
                    rule_title TEXT,
                    rule_match TEXT,
                    title TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    content TEXT NOT NULL
                ) STRICT;
                CREATE TABLE alert_ack (
                    alert_id TEXT PRIMARY KEY NOT NULL,
                    acked_at REAL NOT NULL,
                    acked_by TEXT,
                    note TEXT
                ) STRICT;
                """),
    ]

    /// The version a fully migrated database has.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Brings the database to `latestVersion` in one transaction, or refuses a newer one.
    static func migrate(_ database: SQLiteDatabase) throws(StoreError) {
        let current = try database.integerPragma(
            "user_version", purpose: "reading the schema version")
        if current > latestVersion {
            throw .newerSchema(path: database.path, found: current, supported: latestVersion)
        }
        let pending = all.filter { $0.version > current }
        guard !pending.isEmpty else { return }
        try database.transaction(purpose: "migrating the schema") { () throws(StoreError) in
            for migration in pending {
                try database.execute(
                    migration.sql,
                    purpose: "schema migration \(migration.version): \(migration.purpose)")
                // PRAGMA cannot take a bound parameter; the version is our own integer.
                try database.execute(
                    "PRAGMA user_version = \(migration.version)",
                    purpose: "recording schema version \(migration.version)")
            }
        }
    }
}
