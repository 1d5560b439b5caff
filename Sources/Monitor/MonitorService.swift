import AlertLog
import Dispatch
import FeedFetcher
import Foundation
import Logging
import Store
import Webhooks

/// `feedwatch run`: passes over the due feeds for as long as the process lives.
///
/// SIGHUP, or an edit of feeds.conf or a rules file, reloads both; a reload
/// with errors keeps the previous set and logs why. SIGINT/SIGTERM let the
/// pass in flight finish (its alerts logged, its items marked seen) and then
/// return, so that nothing already collected is lost.
public final class MonitorService: Sendable {
    /// How often the service looks for due feeds and edited files.
    public static let tick: TimeInterval = 5

    private let configPath: String
    private let rulesDirectory: URL
    private let userAgent: String
    private let logger: Logger
    private let onAlert: @Sendable (Alert) -> Void
    // Written by the signal queue, read by the pass loop.
    private let signals = SignalFlags()

    public init(
        configPath: String, rulesDirectory: URL, userAgent: String, logger: Logger,
        onAlert: @escaping @Sendable (Alert) -> Void = { _ in }
    ) {
        self.configPath = configPath
        self.rulesDirectory = rulesDirectory
        self.userAgent = userAgent
        self.logger = logger
        self.onAlert = onAlert
    }

    /// Runs until SIGINT or SIGTERM. `setup` is the already validated start state.
    public func run(
        setup initial: ConfigurationAndRules, store: any StateStore, alertLog: AlertLogWriter,
        backfill: Bool
    ) {
        var setup = initial
        var watcher = ReloadWatcher(configPath: configPath, rulesDirectory: rulesDirectory)
        let sources = installSignalHandlers()
        defer { sources.forEach { $0.cancel() } }
        var recovered = false
        logger.notice(
            "monitoring \(setup.configuration.feeds.count) feeds with \(setup.rules.rules.count) rules"
        )

        // One fetcher for the life of the service: its handles keep their
        // connections (and TLS sessions) from one pass to the next.
        var fetcher = FeedFetcher(options: setup.fetchOptions(userAgent: userAgent))
        // Likewise one webhook dispatcher, rebuilt only when the sinks change.
        var webhooks = makeDispatcher(setup, store: store)
        // Due at start when a day has passed since the last prune, then daily.
        var retention = RetentionInSteps()
        while !signals.stopRequested {
            if signals.takeReloadRequest() || watcher.hasChanged() {
                let previous = setup
                setup = reloaded(setup)
                let options = setup.fetchOptions(userAgent: userAgent)
                if options != fetcher.options { fetcher = FeedFetcher(options: options) }
                if setup.configuration.sinks != previous.configuration.sinks {
                    webhooks = makeDispatcher(setup, store: store)
                }
            }
            let pass = PipelinePass(
                configuration: setup.configuration, rules: setup.rules, store: store,
                alertLog: alertLog, fetcher: fetcher, webhooks: webhooks,
                logger: logger, onAlert: onAlert)
            if !recovered {
                pass.recoverAfterCrash()
                recovered = true
            }
            let summary = pass.run(
                options: PipelinePass.Options(backfill: backfill),
                cancellation: signals.cancellation
            )
            if summary.feedsPolled > 0 {
                logger.notice("pass: \(summary.line)")
            }
            for problem in summary.problems { logger.error("\(problem)") }
            retention.continueIfDue(setup: setup, store: store, logger: logger)
            signals.wait(seconds: Self.tick)
        }
        logger.notice("stopped: the last pass finished and its alerts are on disk")
    }

    private func makeDispatcher(_ setup: ConfigurationAndRules, store: any StateStore)
        -> WebhookDispatcher
    {
        WebhookDispatcher(store: store, sinks: setup.configuration.sinks, userAgent: userAgent)
    }

    private func reloaded(_ current: ConfigurationAndRules) -> ConfigurationAndRules {
        do {
            let next = try ConfigurationAndRules.load(
                configPath: configPath, rulesDirectory: rulesDirectory)
            logger.notice(
                "reloaded: \(next.configuration.feeds.count) feeds, \(next.rules.rules.count) rules"
            )
            return next
        } catch {
            logger.error("reload refused, keeping the previous configuration and rules:\n\(error)")
            return current
        }
    }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "feedwatch.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, action) in [
            (SIGINT, SignalFlags.Action.stop), (SIGTERM, .stop), (SIGHUP, .reload),
        ] {
            // The default disposition would kill the process before the pass can finish.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let flags = signals
            source.setEventHandler { flags.raise(action) }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}

/// Requests from signal handlers to the pass loop, guarded by a condition
/// variable so that a stop wakes the loop from its wait at once.
///
/// `@unchecked Sendable`: `stop` and `reload` are only touched with `condition` locked.
final class SignalFlags: @unchecked Sendable {
    enum Action { case stop, reload }

    private let condition = NSCondition()
    private var stop = false
    /// Cancelled on stop: queued transfers are dropped, those in flight finish.
    let cancellation = FetchCancellation()
    private var reload = false

    var stopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stop
    }

    func raise(_ action: Action) {
        condition.lock()
        switch action {
        case .stop:
            stop = true
            cancellation.cancel()
        case .reload: reload = true
        }
        condition.broadcast()
        condition.unlock()
    }

    func takeReloadRequest() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let requested = reload
        reload = false
        return requested
    }

    /// Sleeps up to `seconds`, waking early for any signal.
    func wait(seconds: TimeInterval) {
        condition.lock()
        defer { condition.unlock() }
        if !stop && !reload {
            _ = condition.wait(until: Date().addingTimeInterval(seconds))
        }
    }
}
