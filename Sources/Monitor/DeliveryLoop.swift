import Foundation
import Logging
import Webhooks

/// Sends the webhook outbox beside polling, on a thread of its own, for
/// `feedwatch run`: a receiver that takes 9 s to answer, or a sink spending
/// its whole budget, delays its deliveries and never a feed's poll.
///
/// It sends what is due every `interval`, and at once when `wake()` says
/// alerts were queued.
///
/// `@unchecked Sendable`: `current`, `stopping` and `woken` are only
/// touched with `condition` locked.
final class DeliveryLoop: @unchecked Sendable {
    private let condition = NSCondition()
    private var current: WebhookDispatcher
    private var stopping = false
    // The first round starts at once: deliveries left from before the start.
    private var woken = true
    private let finished = DispatchSemaphore(value: 0)
    private let interval: TimeInterval
    private let logger: Logger

    init(dispatcher: WebhookDispatcher, interval: TimeInterval, logger: Logger) {
        current = dispatcher
        self.interval = interval
        self.logger = logger
    }

    func start() {
        let thread = Thread { [self] in
            loop()
            finished.signal()
        }
        thread.name = "feedwatch deliveries"
        thread.start()
    }

    /// The dispatcher of the current sinks.
    var dispatcher: WebhookDispatcher {
        condition.lock()
        defer { condition.unlock() }
        return current
    }

    /// New alerts are in the outbox: send them now rather than at the next interval.
    func wake() {
        condition.lock()
        woken = true
        condition.broadcast()
        condition.unlock()
    }

    /// The sinks changed (a reload): later rounds use `replacement`.
    func replace(with replacement: WebhookDispatcher) {
        condition.lock()
        current = replacement
        woken = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lets the round in progress finish (each sink's budget bounds it), then returns.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }

    private func loop() {
        while let dispatcher = nextRound() {
            let delivery = dispatcher.deliverDue(now: Date())
            if !delivery.isQuiet { logger.notice("\(delivery.line)") }
            for problem in delivery.problems { logger.warning("\(problem)") }
        }
    }

    /// Waits for the next round (woken, or the interval passed) and returns
    /// its dispatcher; nil once stopping.
    private func nextRound() -> WebhookDispatcher? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(interval)
        while !stopping && !woken {
            if !condition.wait(until: deadline) { break }
        }
        woken = false
        return stopping ? nil : current
    }
}
