import Foundation

/// Waits, polling every 0.1 s, until `condition` holds; throws `TimedOut`
/// after `timeout` seconds. For conditions another process brings about.
func waitUntil(timeout: TimeInterval = 20, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { throw TimedOut() }
        Thread.sleep(forTimeInterval: 0.1)
    }
}

struct TimedOut: Error {}
