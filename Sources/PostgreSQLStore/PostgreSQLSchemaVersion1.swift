/// The first step of the PostgreSQL schema: the SQLite state's tables as
/// they stand at its step 8, with leases for sharing the feeds.
enum PostgreSQLSchemaVersion1 {
    static let sql = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE feed_state (
            name TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_status INTEGER,
            last_error TEXT,
            last_success DOUBLE PRECISION,
            last_attempt DOUBLE PRECISION,
            last_new_item DOUBLE PRECISION,
            next_poll DOUBLE PRECISION,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            item_count INTEGER NOT NULL DEFAULT 0,
            moved_to TEXT,
            retry_after DOUBLE PRECISION,
            last_bytes BIGINT,
            last_duration DOUBLE PRECISION,
            health_alert_since DOUBLE PRECISION,
            failing_since DOUBLE PRECISION
        );

        -- Which monitor polls a feed now: a row per feed any monitor was
        -- configured with; a lease past expires_at is free again.
        CREATE TABLE feed_lease (
            feed TEXT PRIMARY KEY,
            holder TEXT,
            expires_at DOUBLE PRECISION NOT NULL DEFAULT 0
        );

        CREATE TABLE seen_item (
            feed TEXT NOT NULL,
            item_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            first_seen DOUBLE PRECISION NOT NULL,
            -- NULL while the item is in its feed.
            absent_since DOUBLE PRECISION,
            PRIMARY KEY (feed, item_id)
        );
        CREATE INDEX seen_item_listed ON seen_item (feed) WHERE absent_since IS NULL;
        CREATE INDEX seen_item_by_absent_since ON seen_item (absent_since)
            WHERE absent_since IS NOT NULL;

        CREATE TABLE item_archive (
            feed TEXT NOT NULL,
            item_id TEXT NOT NULL,
            title TEXT,
            link TEXT,
            summary TEXT,
            content TEXT,
            authors TEXT[] NOT NULL,
            categories TEXT[] NOT NULL,
            published DOUBLE PRECISION,
            updated DOUBLE PRECISION,
            text_title TEXT NOT NULL,
            text_summary TEXT NOT NULL,
            text_content TEXT NOT NULL,
            first_seen DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (feed, item_id),
            FOREIGN KEY (feed, item_id) REFERENCES seen_item (feed, item_id) ON DELETE CASCADE
        );
        CREATE INDEX item_archive_by_first_seen ON item_archive (first_seen);

        -- The alert id is the key: two monitors can never index one alert twice.
        -- id follows the order entries were indexed in (a monitor's log order).
        CREATE TABLE alert_index (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            alert_id TEXT NOT NULL UNIQUE,
            time DOUBLE PRECISION NOT NULL,
            day INTEGER NOT NULL,
            rule TEXT NOT NULL,
            severity TEXT NOT NULL,
            severity_rank INTEGER NOT NULL,
            feed TEXT NOT NULL,
            story TEXT,
            title TEXT,
            log_file TEXT NOT NULL,
            byte_offset BIGINT NOT NULL,
            entities TEXT[] NOT NULL,
            kind TEXT NOT NULL,
            item_id TEXT,
            published DOUBLE PRECISION,
            search_text TEXT NOT NULL
        );
        CREATE INDEX alert_index_by_time ON alert_index (time);
        CREATE INDEX alert_index_by_day ON alert_index (day);
        CREATE INDEX alert_index_by_rule ON alert_index (rule, time);
        CREATE INDEX alert_index_by_feed ON alert_index (feed, time);
        CREATE INDEX alert_index_by_story ON alert_index (story, time);
        CREATE INDEX alert_index_by_severity ON alert_index (severity_rank, time);
        CREATE INDEX alert_index_by_kind ON alert_index (kind, time);
        CREATE INDEX alert_index_by_log_file ON alert_index (log_file, id);
        CREATE INDEX alert_index_by_entity ON alert_index USING gin (entities);
        CREATE INDEX alert_index_search ON alert_index USING gin (search_text gin_trgm_ops);

        CREATE TABLE alert_evidence (
            alert_id TEXT PRIMARY KEY,
            rule_title TEXT,
            rule_match TEXT,
            title TEXT NOT NULL,
            summary TEXT NOT NULL,
            content TEXT NOT NULL
        );
        CREATE TABLE alert_ack (
            alert_id TEXT PRIMARY KEY,
            acked_at DOUBLE PRECISION NOT NULL,
            acked_by TEXT,
            note TEXT
        );

        CREATE TABLE alert_outbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            alert_id TEXT NOT NULL,
            sink TEXT NOT NULL,
            payload BYTEA NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
            last_error TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            finished_at DOUBLE PRECISION,
            UNIQUE (alert_id, sink)
        );
        CREATE INDEX alert_outbox_due ON alert_outbox (status, next_attempt);
        CREATE INDEX alert_outbox_by_finished ON alert_outbox (finished_at)
            WHERE status <> 'pending';
        CREATE TABLE outbox_alert (
            delivery BIGINT NOT NULL REFERENCES alert_outbox (id) ON DELETE CASCADE,
            alert_id TEXT NOT NULL,
            PRIMARY KEY (alert_id, delivery)
        );
        CREATE INDEX outbox_alert_by_delivery ON outbox_alert (delivery);

        CREATE TABLE digest_entry (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            sink TEXT NOT NULL,
            message_key TEXT NOT NULL,
            alert_ids TEXT[] NOT NULL,
            due DOUBLE PRECISION NOT NULL,
            content BYTEA NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            UNIQUE (message_key, sink)
        );
        CREATE INDEX digest_entry_by_due ON digest_entry (due, sink);

        CREATE TABLE mute (
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'rule', 'feed')),
            target TEXT NOT NULL,
            until DOUBLE PRECISION NOT NULL,
            note TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (kind, target)
        );

        CREATE TABLE story (
            id TEXT PRIMARY KEY,
            first_seen DOUBLE PRECISION NOT NULL,
            last_seen DOUBLE PRECISION NOT NULL,
            feeds TEXT[] NOT NULL,
            entities TEXT[] NOT NULL,
            alerted_rules TEXT[] NOT NULL,
            escalated_rules TEXT[] NOT NULL,
            members BYTEA NOT NULL
        );
        CREATE INDEX story_by_first_seen ON story (first_seen);
        CREATE INDEX story_by_last_seen ON story (last_seen);

        CREATE TABLE maintenance (
            task TEXT PRIMARY KEY,
            last_run DOUBLE PRECISION NOT NULL
        );
        """
}
