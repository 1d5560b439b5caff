/// How a state is opened: by the monitor, which writes, or by a review
/// command beside a running monitor, which only reads.
public enum StoreAccess: Sendable, Equatable {
    /// The monitor's mode: creates, migrates, and keeps a second monitor off the state.
    case readWrite
    /// For the review commands beside a running monitor: no lock, no writes.
    case readOnly
    /// For what a person adds beside a running monitor (`alerts ack`): no
    /// lock, no migration (the schema must be current), and writes to the
    /// person's own tables only, in short transactions that wait their turn.
    case annotating
}
