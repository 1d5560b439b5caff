/// The second step of the PostgreSQL schema: claims on outbox deliveries,
/// so that senders sharing the outbox send each delivery once.
enum PostgreSQLSchemaVersion2 {
    static let sql = """
        ALTER TABLE alert_outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE alert_outbox ADD COLUMN claimed_until DOUBLE PRECISION;
        CREATE INDEX alert_outbox_pending_by_sink ON alert_outbox (sink, id)
            WHERE status = 'pending';
        """
}
