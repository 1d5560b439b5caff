/// The kinds of record a state holds, in the order a copy writes them (a
/// seen item before its archived text, a delivery with the alerts it names):
/// what `feedwatch state migrate` copies and counts.
public enum StateRecordKind: String, Sendable, CaseIterable, Hashable {
    case feedStates = "feed_states"
    case seenItems = "seen_items"
    case archivedItems = "archived_items"
    case alertsIndexed = "alerts_indexed"
    case alertEvidence = "alert_evidence"
    case acknowledgements
    case outbox
    case digestEntries = "digest_entries"
    case mutes
    case stories
    case maintenanceRuns = "maintenance_runs"
}
