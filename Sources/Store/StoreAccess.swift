/// How a state is opened: by the monitor, which writes, or by a review
/// command beside a running monitor, which reads, or makes a small write of
/// its own (a mute).
public enum StoreAccess: Sendable, Equatable {
    /// The monitor's mode: creates, migrates, and keeps a second monitor off the state.
    case readWrite
    /// For the review commands beside a running monitor: no lock, no writes.
    case readOnly
    /// For commands that change one small thing beside a running monitor
    /// (`feedwatch mute`, `alerts ack`): no lock, no migration, an existing
    /// and current file; SQLite itself orders these writes with the monitor's.
    case sideWrites
}
