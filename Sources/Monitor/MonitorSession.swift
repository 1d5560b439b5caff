import AlertLog
import Configuration
import FeedFetcher
import Foundation
import Logging
import Store
import Webhooks

/// `feedwatch run` between two changes of fetch options: one fetcher
/// polling continuously, each feed on its own clock (`FeedClock`), results
/// handled as each transfer ends, and every `housekeepingInterval` the rest
/// of a monitor's duties: a summary line, reloads, feed health, stories.
///
/// A `FetchSource` for the fetcher; not Sendable: it lives on the thread
/// that runs the fetch loop.
final class MonitorSession: FetchSource {
    struct Context {
        var store: any StateStore
        var alertLog: AlertLogWriter
        var deliveries: DeliveryLoop
        var signals: SignalFlags
        var logger: Logger
        var backfill: Bool
        var housekeepingInterval: TimeInterval
        var healthInterval: TimeInterval
        var onAlert: @Sendable (Alert) -> Void
        /// Loads feeds.conf and the rules again; nil when refused (the
        /// current ones stay, and the refusal is logged).
        var reload: () -> ConfigurationAndRules?
        var makeDispatcher: (ConfigurationAndRules) -> WebhookDispatcher
    }

    private(set) var setup: ConfigurationAndRules
    private(set) var clock: FeedClock
    /// Why the session ended: nil while it runs or after a stop.
    private(set) var restartBecause: String?
    /// Retention, a step at each housekeeping when due; carried from one session to the next.
    private(set) var retention: RetentionInSteps
    private let context: Context
    private let fetcher: FeedFetcher
    private let cancellation = FetchCancellation()
    private var watcher: ReloadWatcher
    private var pass: PipelinePass
    private var summary = PassSummary()
    private var summaryStart = Date()
    private var nextHousekeeping: Date
    private var nextHealthCheck: Date
    /// The feeds this monitor polled since the last health check.
    private var polledSinceHealthCheck: Set<String> = []

    init(
        setup: ConfigurationAndRules, clock: FeedClock, watcher: ReloadWatcher,
        fetcher: FeedFetcher, retention: RetentionInSteps, context: Context
    ) {
        self.setup = setup
        self.retention = retention
        self.clock = clock
        self.watcher = watcher
        self.fetcher = fetcher
        self.context = context
        pass = Self.makePass(setup, fetcher: fetcher, context: context)
        let now = Date()
        nextHousekeeping = now.addingTimeInterval(context.housekeepingInterval)
        nextHealthCheck = now.addingTimeInterval(context.healthInterval)
    }

    var reloadWatcher: ReloadWatcher { watcher }

    /// Indexes what a crash left in the log; once per process, before polling.
    func recoverAfterCrash() { pass.recoverAfterCrash() }

    /// Polls until a stop signal, or until a reload changes the fetch
    /// options (`restartBecause` then says so); returns when the transfers
    /// in flight have ended and their results are stored.
    func run() {
        pass.loadStories(now: Date())
        fetcher.fetchContinuously(from: self, cancellation: cancellation) { result in
            handle(result)
        }
        logSummary(now: Date())
    }

    // MARK: - FetchSource

    func due() -> [FeedRequest] {
        let now = Date()
        if context.signals.stopRequested {
            // Queued feeds are dropped; those in flight finish and are stored.
            cancellation.cancel()
        } else if now >= nextHousekeeping || context.signals.hasReloadRequest {
            houseKeep(now: now)
        }
        if cancellation.isCancelled { return [] }
        let due = claimed(clock.takeDue(now: now), now: now)
        summary.feedsPolled += due.count
        return due.map { PipelinePass.request(for: $0.feed, state: $0.state) }
    }

    func waitForWork() {
        let now = Date()
        let until = min(clock.nextDue, nextHousekeeping)
        // A stop or reload signal ends the wait early.
        context.signals.wait(seconds: max(0.01, until.timeIntervalSince(now)))
    }

    // MARK: - Results

    private func handle(_ result: FetchResult) {
        let name = result.request.feedName
        // A transfer cancelled before it started, or a feed removed by a
        // reload while it was in flight, leaves its state as it was.
        guard let feed = clock.feed(named: name),
            !result.isCancelledBeforeStart
        else {
            clock.abandoned(name)
            summary.feedsPolled -= 1
            release(name)
            return
        }
        let state = pass.refresh(
            feed, with: FeedReading(result, parsingNow: false), previous: clock.state(of: name),
            options: PipelinePass.Options(backfill: context.backfill), now: Date(),
            summary: &summary)
        summary.feedsDone += 1
        clock.finished(name, state: state)
        release(name)
        polledSinceHealthCheck.insert(name)
        pass.renewLeases()
    }

    // MARK: - Sharing the state with other monitors

    /// Of the feeds `due` by this clock, those this monitor claims, when a
    /// fleet shares the state (all of them otherwise), with their states as
    /// stored now. One claimed elsewhere is skipped: its stored state says
    /// when it is next due, or, while the other monitor's turn runs, it is
    /// asked for again after a housekeeping interval.
    private func claimed(_ due: [(feed: FeedConfiguration, state: FeedState?)], now: Date)
        -> [(feed: FeedConfiguration, state: FeedState?)]
    {
        guard let leasing = pass.leasing, !due.isEmpty else { return due }
        let recheck = now.addingTimeInterval(context.housekeepingInterval)
        let names: Set<String>
        do {
            names = Set(try leasing.claim(due.map(\.feed.name), now: now, limit: due.count))
        } catch {
            context.logger.error("cannot claim feeds to poll: \(error)")
            for entry in due {
                clock.heldElsewhere(entry.feed.name, state: nil, recheck: recheck)
            }
            return []
        }
        var claimed: [(feed: FeedConfiguration, state: FeedState?)] = []
        for entry in due {
            let name = entry.feed.name
            let stored: FeedState?
            do {
                stored = try context.store.feedState(name: name)
            } catch {
                context.logger.error("\(name): cannot read its state: \(error)")
                if names.contains(name) { release(name) }
                clock.heldElsewhere(name, state: nil, recheck: recheck)
                continue
            }
            if names.contains(name) {
                clock.claimed(name, state: stored)
                claimed.append((entry.feed, stored ?? entry.state))
            } else {
                clock.heldElsewhere(name, state: stored, recheck: recheck)
            }
        }
        return claimed
    }

    /// Ends this monitor's lease of `feed`, once its turn is committed (or abandoned).
    private func release(_ feed: String) {
        do {
            try pass.leasing?.release([feed])
        } catch {
            // It runs out by itself; meanwhile the feed is not due.
            context.logger.warning("\(feed): cannot release its lease: \(error)")
        }
    }

    // MARK: - Housekeeping

    private func houseKeep(now: Date) {
        nextHousekeeping = now.addingTimeInterval(context.housekeepingInterval)
        logSummary(now: now)
        if context.signals.takeReloadRequest() || watcher.hasChanged() { reload() }
        if now >= nextHealthCheck {
            nextHealthCheck = now.addingTimeInterval(context.healthInterval)
            var health = PassSummary()
            // Sharing the state, each monitor looks after the feeds it polled.
            let feeds = pass.leasing == nil ? nil : polledSinceHealthCheck
            polledSinceHealthCheck = []
            pass.checkHealth(now: now, summary: &health, ofFeeds: feeds)
            for problem in health.failures + health.problems { context.logger.error("\(problem)") }
            if health.alerts > 0 { context.deliveries.wake() }
            // Stories past their window leave the index.
            pass.loadStories(now: now)
        }
        pass.renewLeases()
        // Due daily; a bounded step each time, so the feeds never wait long.
        retention.continueIfDue(setup: setup, store: context.store, logger: context.logger)
    }

    private func reload() {
        let previous = setup
        guard let next = context.reload() else { return }
        if next.fetchOptions(userAgent: fetcher.options.transfer.userAgent) != fetcher.options {
            // A new fetcher is needed: this session ends when its transfers
            // do, and the service starts the next one with the new setup.
            setup = next
            restartBecause = "fetch options changed"
            cancellation.cancel()
            return
        }
        setup = next
        pass = Self.makePass(next, fetcher: fetcher, context: context)
        pass.loadStories(now: Date())
        clock.reconfigure(next.configuration.feeds)
        if next.configuration.sinks != previous.configuration.sinks {
            context.deliveries.replace(with: context.makeDispatcher(next))
        }
    }

    private func logSummary(now: Date) {
        for problem in pass.takeLogProblems(ofFeeds: summary.feedsDone) {
            context.logger.error("\(problem)")
        }
        guard summary.feedsDone > 0 else { return }
        var line = summary
        line.feedsPolled = summary.feedsDone
        line.seconds = now.timeIntervalSince(summaryStart)
        context.logger.notice("polled: \(line.line)")
        // Feeds handed out but not back yet carry over to the next line.
        summary = PassSummary()
        summary.feedsPolled = clock.inFlightCount
        summaryStart = now
    }

    private static func makePass(
        _ setup: ConfigurationAndRules, fetcher: FeedFetcher, context: Context
    ) -> PipelinePass {
        let deliveries = context.deliveries
        let onAlert = context.onAlert
        return PipelinePass(
            configuration: setup.configuration, rules: setup.rules, store: context.store,
            alertLog: context.alertLog, fetcher: fetcher,
            webhooks: deliveries.dispatcher, logger: context.logger,
            onAlert: { alert in
                deliveries.wake()
                onAlert(alert)
            })
    }
}

extension FetchResult {
    /// The fetch was cancelled before its transfer started.
    var isCancelledBeforeStart: Bool {
        if case .failed(.cancelled) = outcome { return true }
        return false
    }
}
