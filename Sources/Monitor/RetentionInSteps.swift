import Foundation
import Logging
import Store

/// Retention in `run`: a bounded number of rows at each housekeeping round
/// (`MonitorSession`), so that a large desk's daily prune never keeps the
/// feeds waiting for long.
struct RetentionInSteps {
    /// Rows removed in one round, at most.
    static let rowsPerStep = 20_000
    /// After a failure, retention waits this long rather than failing again at every round.
    static let pauseAfterFailure: TimeInterval = 3600
    private var removed = PruneResult()
    private var pausedUntil = Date.distantPast

    mutating func continueIfDue(
        setup: ConfigurationAndRules, store: any StateStore, logger: Logger
    ) {
        let now = Date()
        guard now >= pausedUntil else { return }
        let retention = StateRetention(settings: setup.configuration.settings)
        do {
            guard
                let step = try retention.applyIfDue(to: store, now: now, rowLimit: Self.rowsPerStep)
            else { return }
            removed.add(step)
            guard step.complete else { return }
            logger.notice("\(retention.summary(of: removed))")
            removed = PruneResult()
        } catch {
            logger.error("retention failed, trying again in an hour: \(error)")
            pausedUntil = now.addingTimeInterval(Self.pauseAfterFailure)
        }
    }
}
