import Foundation

/// Looking after the state by hand: how big it is, giving freed space back
/// to the file system, and a consistent copy while a monitor runs.
public protocol StateMaintenance: Sendable {
    /// Rows and bytes per kind of state. Works on a state opened read-only.
    func statistics() throws(StoreError) -> StateStatistics

    /// Rewrites the state without its free space. Needs the state open for
    /// writing (no monitor running); returns its size before and after.
    func vacuum() throws(StoreError) -> VacuumResult

    /// Writes a consistent copy of the state to `path`, a state feedwatch can
    /// open, while the monitor may go on writing (a state opened read-only
    /// can be copied). The copy appears at `path` only once complete; an
    /// existing file there is replaced only when `replacing` is true.
    func backup(to path: String, replacing: Bool) throws(StoreError)
}
