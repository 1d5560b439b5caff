/// Everything feedwatch keeps between passes, one protocol per concern:
/// feed state, seen items and their archive, the alert index with the
/// alerts' evidence and acknowledgements, the webhook outbox and stories, the commit that writes a feed's turn across them,
/// and the upkeep of the whole (retention, statistics, vacuum, backup).
///
/// The pipeline's modules depend on these protocols only; the command line
/// opens the implementation (`SQLiteStateStore`, one SQLite file) and hands
/// it down. A backend shared by several monitors implements the same
/// protocols: every write the pipeline makes is keyed, so that two processes
/// committing the same work store it once.
public protocol StateStore: FeedStateStore, SeenItemStore, ItemArchive, AlertIndexStore,
    AlertEvidenceStore, AlertAcknowledgementStore, DeliveryOutbox, DigestQueue, MuteStore,
    StoryStore, PassCommitStore, StatePruning, StateMaintenance
{}
