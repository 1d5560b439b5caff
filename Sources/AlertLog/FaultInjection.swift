import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Points where a test running the real binary can have the process killed,
/// to prove what a restart recovers. Set only by tests: the environment
/// variable `FEEDWATCH_FAULT_INJECTION` names the point; unset (as in any
/// real use) nothing here ever fires.
enum FaultInjection: String {
    /// In a rotation of the alert log, after the rename and before the
    /// commit that records it (and this batch's index entries and deliveries).
    case afterLogRotation = "kill-after-log-rotation"

    /// The point the environment names, read once per process.
    static let armed: FaultInjection? = ProcessInfo.processInfo.environment[
        "FEEDWATCH_FAULT_INJECTION"
    ].flatMap(FaultInjection.init(rawValue:))

    /// Kills the process with SIGKILL when this point is armed: nothing of
    /// its own runs after, as when an operator or the OOM killer stops it.
    func fire() {
        guard Self.armed == self else { return }
        kill(getpid(), SIGKILL)
    }
}
